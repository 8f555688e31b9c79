-- Issue 16: the customer consents on a page of their own, grants end by a job at server time, and login
-- details are crypto-shredded.

-- Each request's login details, encrypted with a data key of the request's own, that key wrapped by the
-- server's key (see api/store/schemas SupportAccessSecretRecord). UNLOGGED, measured on PGlite: an unlogged
-- table's rows never reach the WAL, and after DELETE + VACUUM FULL + CHECKPOINT no file of the data
-- directory holds them (a logged table left them in pg_wal). Physical backups and replicas skip unlogged
-- tables too. The price: a crash empties the table, so login details stored then are lost and the agent
-- asks the customer again; that fails safe.
CREATE UNLOGGED TABLE support_access_secrets (
  request_id text COLLATE "C" PRIMARY KEY REFERENCES support_access_requests (id),
  created_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);

-- The customer may decline on the consent page.
ALTER TABLE support_access_requests DROP CONSTRAINT support_access_requests_status_check;
ALTER TABLE support_access_requests ADD CONSTRAINT support_access_requests_status_check CHECK (status IN ('pending', 'active',
  'denied', 'declined', 'expired', 'revoked', 'withdrawn', 'ended', 'cancelled'));

-- Links sent to customers; only the token's SHA-256 is kept.
CREATE TABLE support_access_links (
  token_hash text COLLATE "C" PRIMARY KEY,
  request_id text COLLATE "C" NOT NULL REFERENCES support_access_requests (id),
  kind text NOT NULL CHECK (kind IN ('consent', 'status')),
  used_at timestamptz,
  doc jsonb NOT NULL
);
CREATE INDEX support_access_links_request_idx ON support_access_links (request_id, kind);

-- The old scheme kept the ciphertext in the request's doc, under the one server key: it cannot be shredded,
-- so it is dropped here (the agent asks the customer for the login details again). Old consents become
-- agent-recorded ones in the support conversation, confirmed by nobody: an officer confirms them before
-- approving. Requests gain the owner asked, the consent link, and the list of reveals.
UPDATE support_access_requests
SET doc = (doc - 'credentials')
  || jsonb_build_object(
    'hasCredentials', false,
    'consentOwner', CASE WHEN jsonb_typeof(doc->'consent') = 'object'
      THEN jsonb_build_object('personId', doc->'consent'->'personId', 'personName', doc->'consent'->'personName')
      ELSE 'null'::jsonb END,
    'consentLink', 'null'::jsonb,
    'reveals', '[]'::jsonb,
    'consent', CASE WHEN jsonb_typeof(doc->'consent') = 'object'
      THEN (doc->'consent') || jsonb_build_object(
        'channel', CASE WHEN doc->'consent'->>'channel' = 'call' THEN 'phone_call' ELSE 'support_conversation' END,
        'shownText', 'null'::jsonb,
        'shownTextHash', 'null'::jsonb,
        'ipHash', 'null'::jsonb,
        'userAgent', 'null'::jsonb,
        'exceptionReason', 'Recorded before consent links existed',
        'confirmedBy', CASE WHEN doc->>'decidedBy' IS NOT NULL AND doc->>'denialReason' IS NULL THEN doc->'decidedBy' ELSE 'null'::jsonb END,
        'confirmedByName', CASE WHEN doc->>'decidedBy' IS NOT NULL AND doc->>'denialReason' IS NULL THEN doc->'decidedByName' ELSE 'null'::jsonb END,
        'confirmedAt', CASE WHEN doc->>'decidedBy' IS NOT NULL AND doc->>'denialReason' IS NULL THEN doc->'decidedAt' ELSE 'null'::jsonb END)
      ELSE 'null'::jsonb END);
