-- The outbox: every message the console sends, before and after it is sent (src/api/services/mail.ts).
-- A message's id comes from its dedupe key, so the primary key keeps "one message per event".
CREATE TABLE mail_messages (
  id text COLLATE "C" PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  created_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  doc jsonb NOT NULL
);
CREATE INDEX mail_messages_newest_idx ON mail_messages (created_at DESC, id DESC);
CREATE INDEX mail_messages_status_idx ON mail_messages (status, created_at DESC, id DESC);
