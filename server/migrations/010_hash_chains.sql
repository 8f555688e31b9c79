-- Hash chains over the audit trail and the consent ledger (src/api/store/chain.ts): each event gets one
-- link naming the hash of the link before it, written in the event's own transaction just before it commits.
-- The head row of each chain is locked for that moment only, so writers on any number of instances chain
-- in one line. The links are append-only like the events; the heads are the one row per chain that moves.

CREATE TABLE chain_heads (
  chain text COLLATE "C" PRIMARY KEY CHECK (chain IN ('audit', 'consent')),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text COLLATE "C" NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- The hash before the last move: an UPDATE's SET reads the old row, so one statement moves the head and
  -- answers both (RETURNING), whatever the server's version.
  prev_hash text COLLATE "C" NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO chain_heads (chain, seq, hash, prev_hash)
  VALUES ('audit', 0, repeat('0', 64), repeat('0', 64)), ('consent', 0, repeat('0', 64), repeat('0', 64));

CREATE TABLE chain_links (
  chain text COLLATE "C" NOT NULL REFERENCES chain_heads (chain),
  seq bigint NOT NULL CHECK (seq > 0),
  event_id text COLLATE "C" NOT NULL,
  -- Consent events: the keyed hash of the email the event carried, so that a redaction may clear it.
  email_seal text COLLATE "C" CHECK (email_seal ~ '^[0-9a-f]{64}$'),
  content_hash text COLLATE "C" NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  prev_hash text COLLATE "C" NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text COLLATE "C" NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (chain, seq),
  UNIQUE (chain, event_id)
);

-- The head hash of each chain as it was at a moment, written (and printed in the log) by a daily job.
CREATE TABLE chain_anchors (
  chain text COLLATE "C" NOT NULL REFERENCES chain_heads (chain),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text COLLATE "C" NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  anchored_at timestamptz NOT NULL,
  PRIMARY KEY (chain, anchored_at)
);
CREATE INDEX chain_anchors_seq_idx ON chain_anchors (chain, seq);

CREATE FUNCTION chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER chain_links_append_only BEFORE UPDATE OR DELETE ON chain_links
  FOR EACH ROW EXECUTE FUNCTION chain_append_only();
CREATE TRIGGER chain_links_no_truncate BEFORE TRUNCATE ON chain_links
  FOR EACH STATEMENT EXECUTE FUNCTION chain_append_only();
CREATE TRIGGER chain_anchors_append_only BEFORE UPDATE OR DELETE ON chain_anchors
  FOR EACH ROW EXECUTE FUNCTION chain_append_only();
CREATE TRIGGER chain_anchors_no_truncate BEFORE TRUNCATE ON chain_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION chain_append_only();
