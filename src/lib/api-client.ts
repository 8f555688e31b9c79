import type { z } from 'zod';
import type { ErrorCode, errorBody as ErrorBodySchema } from '@/api/contract/common';
import type { CallArgs, EndpointResponse } from '@/api/contract/calls';
import { fillPath, toQueryString } from '@/api/contract/calls';
import type { EndpointName, endpoints } from '@/api/contract/endpoints';
import { apiFetch } from './api-fetch';
import type { Check } from './lean-check';
import { getSessionTransport } from './session-transport';

type Endpoints = typeof endpoints;

/**
 * The endpoint table and its zod schemas are loaded on the first call, not with the page: they are most of
 * the contract's code, and the first screen paints without them. Every answer is still parsed by its schema.
 */
let contract: Promise<{ endpoints: Endpoints; errorBody: typeof ErrorBodySchema }> | undefined;
function loadContract() {
  contract ??= Promise.all([import('@/api/contract/endpoints'), import('@/api/contract/common')]).then(([e, c]) => ({
    endpoints: e.endpoints,
    errorBody: c.errorBody,
  }));
  return contract;
}

type ApiErrorCode = ErrorCode | 'network_error' | 'invalid_response';

/** Any failed API call: the API's own refusal (with its code and field messages), or a transport failure. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field path -> message, from a 422. */
  readonly fields: Readonly<Record<string, string>>;

  constructor(status: number, code: ApiErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiRequestError {
  return error instanceof ApiRequestError && (status === undefined || error.status === status);
}

/** Field path (`name`, `dpa.signedOn`, `purposes.1.purpose`) -> one message in plain words. */
export type FieldMessages = Readonly<Record<string, string>>;

/** The API's own field messages, from a 422: keyed by the same dotted paths as the form's fields. */
export function apiFieldMessages(error: unknown): FieldMessages {
  return isApiError(error, 422) ? error.fields : {};
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'version_mismatch',
  413: 'payload_too_large',
  422: 'validation_failed',
  428: 'version_required',
  429: 'rate_limited',
};

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const text = await response.text().catch(() => '');
  const { errorBody } = await loadContract();
  const parsed = errorBody.safeParse(parseJson(text));
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiRequestError(response.status, code, message, fields ?? {});
  }
  const code = codeByStatus[response.status] ?? 'internal';
  return new ApiRequestError(response.status, code, response.statusText || `Request failed (${response.status})`);
}

/** A zod schema, or a check of lib/lean-check.ts for an answer a page needs before zod has loaded. */
type Schema = z.ZodType | Check<unknown>;
type Parsed<S extends Schema | null> = S extends z.ZodType ? z.output<S> : S extends Check<infer T> ? T : undefined;

type RequestOptions<S extends Schema | null> = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Parses the success body; null for answers without one (204). */
  schema: S;
  query?: Record<string, unknown>;
  /** Sent as JSON, or as it is when it is a file (with the file's type). */
  body?: unknown;
  /** The version the caller saw; sent as `If-Match: "<version>"`. */
  version?: number;
  signal?: AbortSignal;
};

/** One JSON request to the API; the success body is parsed with `schema`, a refusal becomes an ApiRequestError. */
export async function request<S extends Schema | null>(path: string, options: RequestOptions<S>): Promise<Parsed<S>> {
  const transport = getSessionTransport();
  const headers: Record<string, string> = { Accept: 'application/json', ...transport.headers() };
  const file = options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) headers['Content-Type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;

  let response: Response;
  try {
    response = await apiFetch(`${path}${toQueryString(options.query)}`, {
      method: options.method,
      headers,
      body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: transport.credentials,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw await errorFrom(response);

  const { schema } = options;
  if (schema === null) return undefined as Parsed<S>;
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiRequestError(response.status, 'invalid_response', 'The server answered with something that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(response.status, 'invalid_response', 'The server answered in an unexpected shape.');
  }
  return parsed.data as Parsed<S>;
}

/** Calls one endpoint of the contract's table, typed by its name. */
export async function callApi<N extends EndpointName>(name: N, ...[options]: CallArgs<N>): Promise<EndpointResponse<N>> {
  const { endpoints } = await loadContract();
  const endpoint = endpoints[name];
  const opts: { params?: Record<string, string>; query?: object; body?: unknown; version?: number; signal?: AbortSignal } = options ?? {};
  const result = await request(fillPath(endpoint.path, opts.params), {
    method: endpoint.method,
    schema: endpoint.response,
    query: opts.query ? Object.fromEntries(Object.entries(opts.query)) : undefined,
    body: opts.body,
    version: opts.version,
    signal: opts.signal,
  });
  // The schema parsed the body above; TypeScript cannot tie the union of responses back to N.
  return result as EndpointResponse<N>;
}
