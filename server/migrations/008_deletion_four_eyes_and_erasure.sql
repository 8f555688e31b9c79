-- Issue 15: four eyes on every deletion request, and the erasure of the console's own copy of an account's
-- personal data when its deletion completes.

-- Who recorded what opened a request (none of them may approve it), and the first of the two approvals a
-- request the system opened needs. Requests written before have neither.
UPDATE deletion_requests SET doc = doc || jsonb_build_object(
  'recordedBy', CASE WHEN doc->>'createdBy' IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(doc->>'createdBy') END)
  WHERE NOT doc ? 'recordedBy';
UPDATE deletion_requests SET doc = doc || '{"firstApproval": null}'::jsonb WHERE NOT doc ? 'firstApproval';
