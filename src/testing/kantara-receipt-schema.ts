import { Ajv } from 'ajv';
import schema from '@/api/rules/receipts/kantara-cr-v1.1.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('uri', /^https?:\/\/\S+$/);

/** The Kantara Consent Receipt v1.1 JSON Schema shipped beside the receipts, compiled once for the tests. */
export const validateKantaraReceipt = ajv.compile(schema);
