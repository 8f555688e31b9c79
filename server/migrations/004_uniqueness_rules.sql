-- Issue 14: the uniqueness rules every store keeps (api/store/errors.ts uniqueRules), here as constraints,
-- so they hold across many instances and concurrent transactions; and settings versioned in the row.
--
-- On a database whose rows already break a rule, creating its index fails and the migration stops,
-- naming the index: the rows must be put right by hand first (which of two open requests stands is a
-- decision, not something a migration can make).

-- One open deletion request per account (users_email_key and support_access_open_key, 001, keep the others).
CREATE UNIQUE INDEX deletion_requests_open_key ON deletion_requests (account_id)
  WHERE status NOT IN ('completed', 'rejected');

-- A processor's name, case-insensitively, among the processors not retired. Lower-cased by the application
-- (Unicode-aware, as accounts.name_lower); the rows already there get PostgreSQL's lower() once.
ALTER TABLE processors ADD COLUMN name_lower text COLLATE "C";
UPDATE processors SET name_lower = lower(name);
ALTER TABLE processors ALTER COLUMN name_lower SET NOT NULL;
CREATE UNIQUE INDEX processors_name_key ON processors (name_lower) WHERE status <> 'retired';

-- A setting's version, compared by the statement that writes it. It used to live inside the value.
ALTER TABLE settings ADD COLUMN version integer NOT NULL DEFAULT 1;
UPDATE settings SET version = GREATEST(1, (value->>'version')::integer) WHERE jsonb_typeof(value->'version') = 'number';
ALTER TABLE settings ALTER COLUMN version DROP DEFAULT;
ALTER TABLE settings ADD CONSTRAINT settings_version_check CHECK (version >= 1);
