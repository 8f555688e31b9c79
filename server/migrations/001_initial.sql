-- Every table keeps the whole record in `doc`; the typed columns beside it exist for constraints,
-- filters, sorting and joins. Keys and sort columns use the "C" collation so that every PostgreSQL
-- (PGlite, a server with any locale) orders them the same way as JavaScript compares strings.

CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  email text COLLATE "C" NOT NULL CHECK (email = lower(email)),
  name text COLLATE "C" NOT NULL,
  role text NOT NULL CHECK (role IN ('privacy_officer', 'support_agent', 'auditor')),
  created_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE sessions (
  token_hash text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE sign_in_attempts (
  email text COLLATE "C" PRIMARY KEY CHECK (email = lower(email)),
  failures integer NOT NULL CHECK (failures >= 0),
  locked_until timestamptz,
  doc jsonb NOT NULL
);

CREATE TABLE accounts (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  -- lower-cased by the application (Unicode-aware), for case-insensitive search
  name_lower text COLLATE "C" NOT NULL,
  hosting text NOT NULL CHECK (hosting IN ('cloud', 'self_hosted')),
  plan text NOT NULL CHECK (plan IN ('trial', 'paid')),
  status text NOT NULL CHECK (status IN ('active', 'cancelled')),
  created_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX accounts_name_idx ON accounts (name, id);

CREATE TABLE subjects (
  id text COLLATE "C" PRIMARY KEY,
  account_id text COLLATE "C" REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('person', 'visitor')),
  name text COLLATE "C",
  email text COLLATE "C" CHECK (email = lower(email)),
  doc jsonb NOT NULL
);
CREATE INDEX subjects_email_idx ON subjects (email);
CREATE INDEX subjects_account_idx ON subjects (account_id, name, id);

CREATE TABLE processors (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('processor', 'own_location')),
  status text NOT NULL CHECK (status IN ('proposed', 'active', 'retired')),
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
CREATE INDEX processors_name_idx ON processors (name, id);

CREATE TABLE notices (
  hash text COLLATE "C" PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  purpose text NOT NULL CHECK (purpose IN ('marketing_emails', 'product_research', 'testimonial_quote',
    'customer_story', 'call_recording', 'advertising_cookies', 'analytics_cookies', 'third_party_app_sharing')),
  version text COLLATE "C" NOT NULL,
  published_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);

CREATE TABLE consent_events (
  id text COLLATE "C" PRIMARY KEY,
  subject_id text COLLATE "C" NOT NULL REFERENCES subjects (id),
  account_id text COLLATE "C" REFERENCES accounts (id),
  purpose text NOT NULL CHECK (purpose IN ('marketing_emails', 'product_research', 'testimonial_quote',
    'customer_story', 'call_recording', 'advertising_cookies', 'analytics_cookies', 'third_party_app_sharing')),
  action text NOT NULL CHECK (action IN ('granted', 'withdrawn')),
  channel text NOT NULL CHECK (channel IN ('sign_up_form', 'account_settings', 'email_link', 'cookie_banner',
    'call', 'support_conversation', 'sales')),
  notice_version text COLLATE "C" NOT NULL,
  occurred_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
-- The list is newest first and paged by (occurred_at, id): each filter that narrows a lot gets an index
-- in that order, so the first page of any filter reads a page's worth of index entries, not the table.
CREATE INDEX consent_events_newest_idx ON consent_events (occurred_at DESC, id DESC);
CREATE INDEX consent_events_subject_idx ON consent_events (subject_id, occurred_at, id);
CREATE INDEX consent_events_purpose_idx ON consent_events (purpose, occurred_at DESC, id DESC);
CREATE INDEX consent_events_purpose_action_idx ON consent_events (purpose, action, occurred_at DESC, id DESC);
CREATE INDEX consent_events_purpose_channel_idx ON consent_events (purpose, channel, occurred_at DESC, id DESC);
CREATE INDEX consent_events_channel_idx ON consent_events (channel, occurred_at DESC, id DESC);
CREATE INDEX consent_events_channel_action_idx ON consent_events (channel, action, occurred_at DESC, id DESC);
CREATE INDEX consent_events_notice_idx ON consent_events (notice_version, occurred_at DESC, id DESC);
CREATE INDEX consent_events_account_idx ON consent_events (account_id);
-- Purposes, actions and channels go together (a sale is never a withdrawal): without these statistics the
-- planner multiplies their frequencies and picks the wrong index for rare combinations.
CREATE STATISTICS consent_events_filter_stats (dependencies, mcv) ON purpose, action, channel FROM consent_events;

CREATE TABLE support_access_requests (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'denied', 'expired', 'revoked', 'withdrawn',
    'ended', 'cancelled')),
  account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  requester_id text COLLATE "C" NOT NULL,
  ticket_ref_lower text COLLATE "C" NOT NULL,
  account_name_lower text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  decide_by timestamptz NOT NULL,
  grant_ends_at timestamptz,
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
-- One open request per agent and account: the rules say so, and two racing requests must not both land.
CREATE UNIQUE INDEX support_access_open_key ON support_access_requests (account_id, requester_id)
  WHERE status IN ('pending', 'active');
CREATE INDEX support_access_created_idx ON support_access_requests (created_at, id);
CREATE INDEX support_access_status_idx ON support_access_requests (status, created_at, id);
CREATE INDEX support_access_ending_idx ON support_access_requests (grant_ends_at, id);
CREATE INDEX support_access_requester_idx ON support_access_requests (requester_id, created_at, id);
CREATE INDEX support_access_pending_idx ON support_access_requests (decide_by) WHERE status = 'pending';
CREATE INDEX support_access_active_idx ON support_access_requests (grant_ends_at) WHERE status = 'active';

CREATE TABLE deletion_requests (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending_review', 'approved', 'in_progress', 'completed', 'rejected')),
  account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
  due_at timestamptz NOT NULL,
  held boolean NOT NULL,
  created_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
CREATE INDEX deletion_requests_due_idx ON deletion_requests (due_at, id);
CREATE INDEX deletion_requests_status_idx ON deletion_requests (status, due_at, id);
CREATE INDEX deletion_requests_account_idx ON deletion_requests (account_id);

CREATE TABLE audit_events (
  id text COLLATE "C" PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text COLLATE "C",
  action text COLLATE "C" NOT NULL,
  record_type text NOT NULL CHECK (record_type IN ('session', 'user', 'processor', 'consent_event', 'subject',
    'support_access_request', 'deletion_request', 'account', 'settings', 'demo')),
  record_id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX audit_events_newest_idx ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id, at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at DESC, id DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, at DESC, id DESC);

-- The audit trail is append-only for everyone who connects as the application, owner included.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE settings (
  key text COLLATE "C" PRIMARY KEY,
  value jsonb NOT NULL
);
