-- Issue 15: each processor's connector to its vendor's API. The connector's settings live in the
-- processor's doc (never a secret there); its credentials live here, encrypted with the server's key
-- (AES-256-GCM, bound to the processor and the vendor), in a table no list, export or history reads.

CREATE TABLE connector_credentials (
  processor_id text COLLATE "C" PRIMARY KEY REFERENCES processors (id),
  vendor text NOT NULL CHECK (vendor IN ('helpscout', 'crisp', 'stripe', 'mailchimp', 'zoom')),
  updated_at timestamptz NOT NULL,
  doc jsonb NOT NULL
);

-- Processors written before connectors existed have none.
UPDATE processors SET doc = doc || '{"connector": null}'::jsonb WHERE NOT doc ? 'connector';
