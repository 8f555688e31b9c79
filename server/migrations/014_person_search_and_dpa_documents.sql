-- Issue 18: finding a person by the start of their email, by their email's domain, or by the start of a word
-- of their name, case- and accent-insensitively, served by indexes at 100,000 people and more.
--
-- pg_trgm goes into public, whatever schema this runs in: the extension is one per database, and a schema
-- that is dropped (tests give each store its own) must not take it, and every other schema's indexes, along.
-- Two schemas migrating at once would race to create it: one lock for the whole database.
SELECT pg_advisory_xact_lock(hashtext('privacy-console:extension:pg_trgm'));
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- The name as api/rules/person-search foldName folds it (a test keeps the two the same): letters lower-cased
-- and stripped of accents, separators made spaces, one space in front, so a word's start is " word".
ALTER TABLE subjects ADD COLUMN name_search text COLLATE "C"
  GENERATED ALWAYS AS (' ' || translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž-.,_', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaaaaaaaccccccccccddddeeeeeeeeeeeeeeeeeegggggggghhhhiiiiiiiiiiiiiiiiiijjkkllllllllllnnnnnnnnoooooooooooooooooorrrrrrssssssssttttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzz    ')) STORED;

-- Trigram indexes answer LIKE '%...%': the domain ('%@acme%') and the words of a name ('% mar%'). The start
-- of an address ('ana@%') is a range of subjects_email_idx (COLLATE "C"). The operator class is looked up
-- where the extension lives (an existing install may sit in another schema).
DO $$
DECLARE
  ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  EXECUTE format('CREATE INDEX subjects_email_trgm_idx ON subjects USING gin (email %I.gin_trgm_ops)', ext_schema);
  EXECUTE format('CREATE INDEX subjects_name_trgm_idx ON subjects USING gin (name_search %I.gin_trgm_ops)', ext_schema);
END
$$;

-- Issue 18: a processor's signed DPA as a PDF, kept in the database (backed up and restored with the registry).
-- The limits are the API's (api/contract/processors DPA_DOCUMENT_MAX_BYTES), held here too.
CREATE TABLE dpa_documents (
  processor_id text COLLATE "C" PRIMARY KEY REFERENCES processors (id),
  size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL CHECK (octet_length(content) = size AND substring(content FROM 1 FOR 5) = '\x255044462d'::bytea),
  doc jsonb NOT NULL
);
