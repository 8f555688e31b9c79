-- Issue 15: four eyes on every deletion request, and the erasure of the console's own copy of an account's
-- personal data when its deletion completes.

-- Who recorded what opened a request (none of them may approve it), and the first of the two approvals a
-- request the system opened needs. Requests written before have neither.
UPDATE deletion_requests SET doc = doc || jsonb_build_object(
  'recordedBy', CASE WHEN doc->>'createdBy' IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(doc->>'createdBy') END)
  WHERE NOT doc ? 'recordedBy';
UPDATE deletion_requests SET doc = doc || '{"firstApproval": null}'::jsonb WHERE NOT doc ? 'firstApproval';

-- People whose data was erased keep only the keyed hash of their email (api/rules/erasure.ts), found by it.
CREATE INDEX subjects_email_hash_idx ON subjects ((doc->>'emailHash')) WHERE doc ? 'emailHash';

-- The consent ledger and the audit trail stay append-only, with one exception: the erasure of an account's
-- personal data when its deletion completes (sql-store/erasure.ts), which sets privacy_console.erasing for
-- its own transaction only. It may rewrite a row's content (names and emails become tombstones or keyed
-- hashes), never what the row records (who, what, when), and never delete a row.
CREATE OR REPLACE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('privacy_console.erasing', true), '') <> ''
     AND NEW.id = OLD.id AND NEW.subject_id = OLD.subject_id AND NEW.account_id IS NOT DISTINCT FROM OLD.account_id
     AND NEW.purpose = OLD.purpose AND NEW.action = OLD.action AND NEW.channel = OLD.channel
     AND NEW.notice_version = OLD.notice_version AND NEW.occurred_at = OLD.occurred_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consent_events is append-only: % refused; record a new event instead', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('privacy_console.erasing', true), '') <> ''
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.action = OLD.action AND NEW.record_type = OLD.record_type AND NEW.record_id = OLD.record_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
