-- Issue 17: sign-in throttling that holds under concurrency and across instances, sessions that end when
-- idle and that their owner can list and end, a heartbeat that proves the write path, and a check value of
-- the credentials key.

-- Counted BEFORE the password is checked, by one INSERT ... ON CONFLICT DO UPDATE per counter (see
-- sql-store/people.ts), keyed per account, per address, or per account from one known address
-- (api/rules/sign-in). The old per-email table counted after the check, so a burst all got through.
DROP TABLE sign_in_attempts;
CREATE TABLE sign_in_throttle (
  key text COLLATE "C" PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 0),
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX sign_in_throttle_updated_idx ON sign_in_throttle (updated_at);

-- Where each user signed in from, and when last: attempts from there have a counter of their own.
CREATE TABLE known_addresses (
  user_id text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address text COLLATE "C" NOT NULL,
  last_success_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, address)
);

-- Sessions get an id their owner sees (never the token's hash), and the instant they were last used, for
-- the idle timeout. Sessions from before have neither, so they end: everyone signs in once more.
DELETE FROM sessions;
ALTER TABLE sessions
  ADD COLUMN id text COLLATE "C" NOT NULL,
  ADD COLUMN created_at timestamptz NOT NULL,
  ADD COLUMN last_seen_at timestamptz NOT NULL;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);
CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);

-- One row that /api/health writes (and commits) on every call: a full disk or a read-only database shows
-- as a failing write path, not as "ok".
CREATE TABLE heartbeat (
  id integer PRIMARY KEY CHECK (id = 1),
  at timestamptz NOT NULL,
  instance text NOT NULL
);

-- Facts every instance sharing this database must agree on, checked at start: the credentials key's check
-- value (an HMAC of a fixed text under the key, never the key).
CREATE TABLE server_checks (
  name text COLLATE "C" PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL
);
