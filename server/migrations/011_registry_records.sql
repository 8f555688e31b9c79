-- Issue 18: the EU-US Data Privacy Framework is an adequacy decision for certified organisations, not an
-- Art. 46 safeguard typed per location. A location recorded with the old "dpf" mechanism keeps its
-- basis: the processor's legal entity becomes its certified participant and the location's mechanism
-- is cleared. Locations without it are untouched.
UPDATE processors
SET doc = jsonb_set(
    doc,
    '{locations}',
    (
      SELECT jsonb_agg(
        CASE WHEN l ->> 'transferMechanism' = 'dpf' THEN jsonb_set(l, '{transferMechanism}', 'null'::jsonb) ELSE l END
        ORDER BY ord
      )
      FROM jsonb_array_elements(doc -> 'locations') WITH ORDINALITY AS t (l, ord)
    )
  ) || jsonb_build_object('dpfParticipant', COALESCE(doc -> 'dpfParticipant', doc -> 'legalEntity'))
WHERE doc -> 'locations' @> '[{"transferMechanism": "dpf"}]'::jsonb;
