-- Issue 5: each person's current consent per purpose (the newest event), kept by the database as events
-- arrive, and the officers' reviews of the events that need a look.

CREATE TABLE consent_states (
  subject_id text COLLATE "C" NOT NULL REFERENCES subjects (id),
  purpose text NOT NULL CHECK (purpose IN ('marketing_emails', 'product_research', 'testimonial_quote',
    'customer_story', 'call_recording', 'advertising_cookies', 'analytics_cookies', 'third_party_app_sharing')),
  event_id text COLLATE "C" NOT NULL REFERENCES consent_events (id),
  account_id text COLLATE "C",
  action text NOT NULL CHECK (action IN ('granted', 'withdrawn')),
  channel text NOT NULL CHECK (channel IN ('sign_up_form', 'account_settings', 'email_link', 'cookie_banner',
    'call', 'support_conversation', 'sales')),
  occurred_at timestamptz NOT NULL,
  notice_hash text COLLATE "C" NOT NULL,
  -- Given by the person themselves with neither user agent nor IP hash kept.
  no_evidence boolean NOT NULL,
  -- The channel of the newest grant, for withdrawals: was withdrawing harder than granting?
  grant_channel text CHECK (grant_channel IN ('sign_up_form', 'account_settings', 'email_link', 'cookie_banner',
    'call', 'support_conversation', 'sales')),
  PRIMARY KEY (subject_id, purpose)
);
CREATE INDEX consent_states_newest_idx ON consent_states (occurred_at DESC, event_id DESC);
CREATE INDEX consent_states_purpose_idx ON consent_states (purpose, occurred_at DESC, event_id DESC);
-- The review queue's reasons, each in the queue's order (rules/consent-review.ts).
CREATE INDEX consent_states_no_evidence_idx ON consent_states (occurred_at DESC, event_id DESC) WHERE no_evidence;
CREATE INDEX consent_states_granted_idx ON consent_states (occurred_at DESC, event_id DESC) WHERE action = 'granted';
CREATE INDEX consent_states_withdrawn_idx ON consent_states (occurred_at DESC, event_id DESC)
  WHERE action = 'withdrawn' AND grant_channel IS NOT NULL;

-- The newest event of one subject and purpose, and the channel of its newest grant. The ORDER BY starts
-- with subject_id (fixed by the WHERE, so it changes nothing) to keep the planner on the by-subject index:
-- ordered by time alone, LIMIT 1 tempts it to walk the whole purpose index looking for this one subject.
CREATE FUNCTION consent_state_of(p_subject text, p_purpose text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO consent_states AS s (subject_id, purpose, event_id, account_id, action, channel, occurred_at, notice_hash,
                                   no_evidence, grant_channel)
  SELECT e.subject_id, e.purpose, e.id, e.account_id, e.action, e.channel, e.occurred_at, e.doc->>'noticeHash',
         e.doc->'recordedBy'->>'kind' = 'subject' AND coalesce(jsonb_typeof(e.doc->'evidence'), 'null') = 'null',
         (SELECT g.channel FROM consent_events g
          WHERE g.subject_id = p_subject AND g.purpose = p_purpose AND g.action = 'granted'
          ORDER BY g.subject_id DESC, g.occurred_at DESC, g.id DESC LIMIT 1)
  FROM consent_events e
  WHERE e.subject_id = p_subject AND e.purpose = p_purpose
  ORDER BY e.subject_id DESC, e.occurred_at DESC, e.id DESC
  LIMIT 1
  ON CONFLICT (subject_id, purpose) DO UPDATE SET
    event_id = excluded.event_id, account_id = excluded.account_id, action = excluded.action,
    channel = excluded.channel, occurred_at = excluded.occurred_at, notice_hash = excluded.notice_hash,
    no_evidence = excluded.no_evidence, grant_channel = excluded.grant_channel
$$;

CREATE FUNCTION consent_states_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Two transactions recording for the same person and purpose take turns, so the second sees the first's event.
  PERFORM pg_advisory_xact_lock(hashtext('consent_state:' || NEW.subject_id || ':' || NEW.purpose));
  PERFORM consent_state_of(NEW.subject_id, NEW.purpose);
  RETURN NULL;
END $$;
CREATE TRIGGER consent_states_sync AFTER INSERT ON consent_events
  FOR EACH ROW EXECUTE FUNCTION consent_states_sync();

-- Every state at once, from the events (after a bulk load, with the trigger off): two sorted passes and a
-- join, not a look-up per person.
CREATE FUNCTION rebuild_consent_states() RETURNS void LANGUAGE sql AS $$
  DELETE FROM consent_states;
  INSERT INTO consent_states (subject_id, purpose, event_id, account_id, action, channel, occurred_at, notice_hash,
                              no_evidence, grant_channel)
  SELECT n.subject_id, n.purpose, n.id, n.account_id, n.action, n.channel, n.occurred_at, n.notice_hash, n.no_evidence,
         g.channel
  FROM (
    SELECT DISTINCT ON (e.subject_id, e.purpose) e.subject_id, e.purpose, e.id, e.account_id, e.action, e.channel,
           e.occurred_at, e.doc->>'noticeHash' AS notice_hash,
           e.doc->'recordedBy'->>'kind' = 'subject' AND coalesce(jsonb_typeof(e.doc->'evidence'), 'null') = 'null' AS no_evidence
    FROM consent_events e
    ORDER BY e.subject_id, e.purpose, e.occurred_at DESC, e.id DESC
  ) AS n
  LEFT JOIN (
    SELECT DISTINCT ON (subject_id, purpose) subject_id, purpose, channel
    FROM consent_events WHERE action = 'granted'
    ORDER BY subject_id, purpose, occurred_at DESC, id DESC
  ) AS g ON g.subject_id = n.subject_id AND g.purpose = n.purpose
$$;
SELECT rebuild_consent_states();

CREATE TABLE consent_reviews (
  event_id text COLLATE "C" PRIMARY KEY REFERENCES consent_events (id),
  purpose text NOT NULL CHECK (purpose IN ('marketing_emails', 'product_research', 'testimonial_quote',
    'customer_story', 'call_recording', 'advertising_cookies', 'analytics_cookies', 'third_party_app_sharing')),
  reasons text[] NOT NULL CHECK (reasons <@ ARRAY['no_evidence', 'outdated_notice', 'stale_marketing', 'harder_withdrawal']),
  reviewed_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);
CREATE INDEX consent_reviews_newest_idx ON consent_reviews (reviewed_at DESC, event_id DESC);
