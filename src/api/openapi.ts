import { z } from 'zod';
import { EXPORT_REASON_HEADER } from './contract/email-exports';
import { tokenScopes } from './contract/api-tokens';
import { errorBody } from './contract/common';
import { endpoints } from './contract/endpoints';
import type { Permission } from './rules/permissions';
import { rolesWith } from './rules/permissions';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

/** Each schema of the contract as JSON Schema 2020-12, the dialect of OpenAPI 3.1 (no second source). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'throw', reused: 'inline' });
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The refusals an endpoint can answer, from what its entry in the table says it checks. */
function errorResponses(entry: (typeof endpoints)[keyof typeof endpoints]): Record<string, unknown> {
  const e = entry as { permission: string; query?: unknown; body?: unknown; ifMatch?: boolean; path: string };
  const responses: Record<string, unknown> = {};
  if (e.query || e.body) responses['400'] = errorResponse('The request could not be read (malformed JSON, for instance).');
  if (e.permission !== 'public') responses['401'] = errorResponse('No session, or it ended: sign in.');
  if (e.permission !== 'public' && e.permission !== 'signed_in') {
    responses['403'] = errorResponse(`The caller's role lacks the permission \`${e.permission}\`, or a record-level rule refuses.`);
  }
  if (e.path.includes(':')) responses['404'] = errorResponse('No such record.');
  if (e.body) responses['409'] = errorResponse('The record is not in a state that allows this, or a uniqueness rule is taken.');
  if (e.ifMatch) {
    responses['412'] = errorResponse('The record changed since the version in If-Match: read it again.');
    responses['428'] = errorResponse('The call needs If-Match: "<version>".');
  }
  if (e.query || e.body) responses['422'] = errorResponse('A field is invalid: `error.fields` names each one in plain words.');
  responses['429'] = errorResponse('Too many attempts; Retry-After says when to try again.');
  return responses;
}

function operation(name: string, entry: (typeof endpoints)[keyof typeof endpoints]): Operation {
  const e = entry as {
    method: string;
    path: string;
    permission: Permission | 'public' | 'signed_in';
    status: number;
    query?: z.ZodType;
    body?: z.ZodType;
    ifMatch?: boolean;
    response: z.ZodType | null;
    produces?: string;
  };
  const parameters: Record<string, unknown>[] = [...e.path.matchAll(/:(\w+)/g)].map(([, param]) => ({
    name: param,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (e.query) {
    const query = jsonSchema(e.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [param, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name: param, in: 'query', required: query.required?.includes(param) ?? false, schema });
    }
    if (query.properties?.reason) {
      parameters.push({
        name: EXPORT_REASON_HEADER,
        in: 'header',
        required: false,
        description:
          'The reason for `emails=clear`, percent-encoded UTF-8 (as encodeURIComponent writes it): kept out of the address. ' +
          'Instead of the `reason` query parameter, not beside it.',
        schema: { type: 'string' },
      });
    }
  }
  if (e.ifMatch) {
    parameters.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', pattern: '^"\\d+"$' } });
  }
  const success =
    e.status === 204
      ? { description: 'Done; no content.' }
      : {
          description: e.status === 201 ? 'Created.' : 'OK.',
          content: e.response
            ? { 'application/json': { schema: jsonSchema(e.response, 'output') } }
            : { [e.produces ?? 'application/octet-stream']: { schema: { type: 'string' } } },
        };
  const roles = e.permission === 'public' || e.permission === 'signed_in' ? null : rolesWith(e.permission);
  return {
    operationId: name,
    summary: name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
    ...(roles ? { description: `Permission \`${e.permission}\`: ${roles.join(', ')}.` } : {}),
    'x-permission': e.permission,
    ...(roles ? { 'x-roles': [...roles] } : {}),
    ...(e.permission === 'public' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input') } } } } : {}),
    responses: { [String(e.status)]: success, ...errorResponses(entry) },
  };
}

let built: Record<string, unknown> | null = null;

/**
 * The API as an OpenAPI 3.1 document, generated from the endpoint table and its zod schemas, so another
 * team's client reads the same contract the console and the server do.
 */
export function openApiDocument(): Record<string, unknown> {
  if (built) return built;
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [name, entry] of Object.entries(endpoints)) {
    const path = entry.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[entry.method.toLowerCase()] = operation(name, entry);
  }
  built = {
    openapi: '3.1.0',
    info: {
      title: 'Privacy Console API',
      version: '1',
      description:
        'Every endpoint names one permission, checked before the request is read. Records answer `actions`: ' +
        'what the caller may do now, and why anything else is refused. Updates carry `If-Match: "<version>"`. ' +
        'The lists of deletion requests, support-access requests and breaches answer list items (what a list shows, ' +
        'its version, and the actions a list offers); the record’s own endpoint answers it whole.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: jsonSchema(errorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pc_session', description: 'The console’s session cookie (POST /api/session).' },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'pct_…',
          description:
            'A machine client’s API token, made by a privacy officer and shown once: `Authorization: Bearer pct_…`. ' +
            'A call passes when the endpoint’s permission is in the token’s scope (one of ' +
            `${tokenScopes.map((p) => `\`${p}\``).join(', ')}) and the officer who made it has it; ` +
            'an unknown, expired or revoked token is a 401.',
        },
      },
    },
    security: [{ session: [] }, { apiToken: [] }],
    paths,
  };
  return built;
}
