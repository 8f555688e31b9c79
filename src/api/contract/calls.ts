import type { z } from 'zod';
import type { EndpointName, endpoints } from './endpoints';

/**
 * How a call to one endpoint of the table is typed and spelled, shared by the app's client (lib/api-client)
 * and the tests' (testing/harness): by the endpoint's name, the path parameters, query, body and version it
 * takes and the response it answers.
 */
type Endpoints = typeof endpoints;

/** `'/api/x/:id/y'` -> `'id'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type EndpointResponse<N extends EndpointName> = Endpoints[N]['response'] extends z.ZodType
  ? z.output<Endpoints[N]['response']>
  : undefined;

/** Query strings are built from the parsed shape (arrays, numbers), every field optional. */
type EndpointQuery<N extends EndpointName> = Endpoints[N] extends { query: infer Q extends z.ZodType } ? Partial<z.output<Q>> : never;

type EndpointBody<N extends EndpointName> = Endpoints[N] extends { body: infer B extends z.ZodType } ? z.input<B> : never;

type ParamsOption<N extends EndpointName> = [ParamNames<Endpoints[N]['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<Endpoints[N]['path']>, string> };
type QueryOption<N extends EndpointName> = Endpoints[N] extends { query: z.ZodType } ? { query?: EndpointQuery<N> } : { query?: undefined };
/** A JSON body by its schema; a file (an endpoint that `accepts` a type, such as a PDF) as the file itself. */
type BodyOption<N extends EndpointName> = Endpoints[N] extends { body: z.ZodType }
  ? { body: EndpointBody<N> }
  : Endpoints[N] extends { accepts: string }
    ? { body: Blob }
    : { body?: undefined };
type VersionOption<N extends EndpointName> = Endpoints[N] extends { ifMatch: true } ? { version: number } : { version?: undefined };

export type CallOptions<N extends EndpointName> = ParamsOption<N> &
  QueryOption<N> &
  BodyOption<N> &
  VersionOption<N> & { signal?: AbortSignal };

export type CallArgs<N extends EndpointName> = object extends CallOptions<N> ? [options?: CallOptions<N>] : [options: CallOptions<N>];

/** A query string from the parsed shape: lists joined with commas, empty values left out. */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.map(String).join(','));
    } else {
      params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `'/api/x/:id'` with `{ id: 'y' }` -> `'/api/x/y'`. */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}
