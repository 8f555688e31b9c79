-- Issue 19: the breach register (policy 5.6, GDPR Art. 33(5): every breach documented, notified or not).
-- The record keeps its assessment, its affected figures and every notification (drafts and the texts sent)
-- in `doc`; the columns serve the list's filters and order and the versioned update.

CREATE TABLE breaches (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('open', 'contained', 'closed')),
  title_lower text COLLATE "C" NOT NULL,
  aware_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  -- Art. 33(1)'s clock starts when we become aware: never after the record says it was made.
  CHECK (aware_at <= created_at),
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
CREATE INDEX breaches_newest_idx ON breaches (aware_at DESC, id DESC);
CREATE INDEX breaches_status_idx ON breaches (status, aware_at DESC, id DESC);

-- Breaches are audited records of their own.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_record_type_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_record_type_check CHECK (record_type IN ('session', 'user', 'processor',
  'consent_event', 'subject', 'support_access_request', 'deletion_request', 'account', 'settings', 'demo', 'breach'));

