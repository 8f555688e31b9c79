-- Issue 20: machine clients. A token is kept as the SHA-256 of its secret (shown once); the unique index
-- on the hash is how a secret finds its token. `doc` keeps the record; the columns serve lookups and order.
CREATE TABLE api_tokens (
  id text COLLATE "C" PRIMARY KEY,
  token_hash text COLLATE "C" NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
CREATE INDEX api_tokens_newest_idx ON api_tokens (created_at DESC, id DESC);

-- A machine client's report under its kind and the caller's own id: the primary key makes a repeat, on
-- any instance, find the first one's answer instead of doing the work twice.
CREATE TABLE machine_requests (
  key text COLLATE "C" PRIMARY KEY,
  created_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);

-- Webhook endpoints other systems run; the signing secret is sealed with the server's key in `doc`.
CREATE TABLE webhooks (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);

-- One row per event and endpoint: its id is derived from both, so an event is never queued twice for one
-- endpoint, and a delivery acknowledged (delivered) is never sent again.
CREATE TABLE webhook_deliveries (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  created_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 0),
  doc jsonb NOT NULL
);
CREATE INDEX webhook_deliveries_newest_idx ON webhook_deliveries (created_at DESC, id DESC);

-- Tokens and webhooks are audited records of their own.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_record_type_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_record_type_check CHECK (record_type IN ('session', 'user', 'processor',
  'consent_event', 'subject', 'support_access_request', 'deletion_request', 'account', 'settings', 'demo', 'breach', 'api_token', 'webhook'));
