-- Issue 15, item 6: a person's erasure request (Art. 17) erases one person of an account, a newsletter
-- subscriber or a website visitor. It names the person in doc->'person'; a subscriber or visitor has no account.
ALTER TABLE deletion_requests ALTER COLUMN account_id DROP NOT NULL;

-- One open request per account erases the whole account; one open request per person erases that person.
DROP INDEX deletion_requests_open_key;
CREATE UNIQUE INDEX deletion_requests_open_key ON deletion_requests (account_id)
  WHERE status NOT IN ('completed', 'rejected') AND doc->>'person' IS NULL;
CREATE UNIQUE INDEX deletion_requests_open_person_key ON deletion_requests ((doc->'person'->>'subjectId'))
  WHERE status NOT IN ('completed', 'rejected') AND doc->>'person' IS NOT NULL;
