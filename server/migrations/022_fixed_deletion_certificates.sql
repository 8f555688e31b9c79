-- Issue 15, item 7: a certificate of deletion is fixed when its request completes (doc->'certificate': what it
-- states, its issuer included) and signed on each download, so that a later change of the controller's
-- configuration, a user's name or the time zone changes no issued certificate. Once issued it stays as it is;
-- only the erasure of an account's personal data (which sets privacy_console.erasing, migration 008) may rewrite
-- a name in it. Requests completed before this migration have none and keep the certificate built as before.
CREATE FUNCTION deletion_certificate_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(jsonb_typeof(OLD.doc->'certificate'), 'null') <> 'null'
     AND NEW.doc->'certificate' IS DISTINCT FROM OLD.doc->'certificate'
     AND coalesce(current_setting('privacy_console.erasing', true), '') = '' THEN
    RAISE EXCEPTION 'deletion_requests: an issued certificate cannot change';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER deletion_certificate_fixed BEFORE UPDATE ON deletion_requests
  FOR EACH ROW EXECUTE FUNCTION deletion_certificate_fixed();
