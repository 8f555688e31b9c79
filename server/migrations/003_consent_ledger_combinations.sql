-- Issue 5: the first page of any ledger filter in bounded time at a million events, and counts by month
-- without reading a year of events.
--
-- The ledger filters on four columns with few values each (purpose, action, channel, notice version) and
-- orders newest first. One index per useful combination left rare combinations (an old notice version,
-- a rare channel with a purpose) to walk or count much of the table. Instead:
--   * one index on all four, then time: every combination of the four values is one contiguous, ordered
--     range of it;
--   * a count per combination that exists, kept by a statement trigger: it says which ranges a filter
--     covers (the store reads each newest first and merges them) and, without a date range, the exact total.

CREATE TABLE consent_event_combinations (
  purpose text NOT NULL,
  action text NOT NULL,
  channel text NOT NULL,
  notice_version text COLLATE "C" NOT NULL,
  events bigint NOT NULL CHECK (events >= 0),
  PRIMARY KEY (purpose, action, channel, notice_version)
);

INSERT INTO consent_event_combinations (purpose, action, channel, notice_version, events)
SELECT purpose, action, channel, notice_version, count(*) FROM consent_events GROUP BY 1, 2, 3, 4;

-- Events per UTC day, purpose and action: monthly trends and the dashboard's withdrawals add up days, and
-- count only the hours around each month's start from the events themselves (server/sql-store.ts).
CREATE TABLE consent_event_days (
  day date NOT NULL,
  purpose text NOT NULL,
  action text NOT NULL,
  events bigint NOT NULL CHECK (events >= 0),
  PRIMARY KEY (day, purpose, action)
);

INSERT INTO consent_event_days (day, purpose, action, events)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, purpose, action, count(*) FROM consent_events GROUP BY 1, 2, 3;

-- Per statement, not per row: a bulk insert of thousands of events updates each count once. Two
-- transactions recording into the same count take turns on its row until the first commits.
CREATE FUNCTION consent_event_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO consent_event_combinations AS c (purpose, action, channel, notice_version, events)
  SELECT purpose, action, channel, notice_version, count(*) FROM inserted GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (purpose, action, channel, notice_version) DO UPDATE SET events = c.events + excluded.events;
  INSERT INTO consent_event_days AS d (day, purpose, action, events)
  SELECT (occurred_at AT TIME ZONE 'UTC')::date, purpose, action, count(*) FROM inserted GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (day, purpose, action) DO UPDATE SET events = d.events + excluded.events;
  RETURN NULL;
END $$;
CREATE TRIGGER consent_event_counts AFTER INSERT ON consent_events
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION consent_event_counts();

CREATE INDEX consent_events_combination_idx
  ON consent_events (purpose, action, channel, notice_version, occurred_at DESC, id DESC);

-- Each of these is a prefix-or-subset of the combination index, and the store no longer asks for them.
DROP INDEX consent_events_purpose_idx;
DROP INDEX consent_events_purpose_action_idx;
DROP INDEX consent_events_purpose_channel_idx;
DROP INDEX consent_events_channel_idx;
DROP INDEX consent_events_channel_action_idx;
DROP INDEX consent_events_notice_idx;

-- The review queue's two reasons that reach far back, as ranges of their own (server/sql-store.ts): a grant
-- under each replaced notice, and each pair of withdrawal and grant channels where withdrawing was harder.
CREATE INDEX consent_states_notice_idx ON consent_states (notice_hash, occurred_at DESC, event_id DESC)
  WHERE action = 'granted';
CREATE INDEX consent_states_channels_idx ON consent_states (channel, grant_channel, occurred_at DESC, event_id DESC)
  WHERE action = 'withdrawn';

-- The ledger is append-only (issue 5: nothing is ever edited or deleted; corrections are new events), for
-- everyone who connects as the application, owner included, as the audit trail is.
CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_events is append-only: % refused; record a new event instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events
  FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only();
