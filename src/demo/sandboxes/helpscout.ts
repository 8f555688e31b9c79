import type { Sandbox, SandboxOptions, SandboxPerson } from './sandbox';
import { bearerToken, counter, createSandbox, json, sameEmail, segments } from './sandbox';
import { sandboxCredentials } from './sandbox-config';

/**
 * Help Scout's Mailbox API 2.0 in miniature: the client-credentials token endpoint, customers listed by an
 * email query in HAL pages of 50, deleted with 204 and read with 404 once gone; vnd.error bodies, a
 * Correlation-ID on every answer, 429 with X-RateLimit-Retry-After.
 */
type Customer = { id: number; firstName: string; lastName: string; emails: string[] };

const PAGE_SIZE = 50;

export function createHelpScoutSandbox(options: SandboxOptions): Sandbox {
  const credentials = options.credentials ?? sandboxCredentials.helpscout;
  const customers = new Map<number, Customer>();
  const removed = new Map<number, Customer>();
  let lagging = false;
  const tokens = new Set<string>();
  const nextToken = counter('hs-token-', 4);
  const nextLogRef = counter('logref-', 8);
  let nextId = 100_000;
  const correlation = () => ({ 'correlation-id': `hs-${crypto.randomUUID()}` });
  const error = (status: number, message: string, extra: Record<string, string> = {}) =>
    json(
      status,
      { logRef: nextLogRef(), message, _embedded: { errors: [] } },
      { ...correlation(), ...extra, 'content-type': 'application/vnd.error+json' },
    );

  const add = (person: SandboxPerson) => {
    const [firstName = '', ...rest] = person.name.split(' ');
    const id = nextId++;
    customers.set(id, { id, firstName, lastName: rest.join(' '), emails: [person.email] });
  };
  for (const person of options.people ?? []) add(person);

  const view = (c: Customer) => ({
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    _embedded: { emails: c.emails.map((value, i) => ({ id: c.id * 10 + i, value, type: 'work' })) },
    _links: { self: { href: `${options.baseUrl}/customers/${c.id}` } },
  });

  return createSandbox({
    vendor: 'helpscout',
    baseUrl: options.baseUrl,
    isTokenRequest: (_request, url) => url.pathname.endsWith('/oauth2/token'),
    failure(f) {
      if (f.kind === 'rate_limit') return error(429, 'Too many requests', { 'x-ratelimit-retry-after': String(f.retryAfterSeconds) });
      if (f.kind === 'server_error') return error(503, 'Service temporarily unavailable');
      return error(401, 'Invalid or expired access token');
    },
    async route(request, url, path) {
      if (path === null) return error(404, 'Not found');
      const parts = segments(path);
      if (request.method === 'POST' && path === '/oauth2/token') {
        const form = new URLSearchParams(await request.text());
        if (form.get('grant_type') !== 'client_credentials') {
          return json(400, { error: 'unsupported_grant_type', error_description: 'Use client_credentials' }, correlation());
        }
        if (form.get('client_id') !== credentials.appId || form.get('client_secret') !== credentials.appSecret) {
          return json(401, { error: 'invalid_client', error_description: 'Bad client credentials' }, correlation());
        }
        const token = nextToken();
        tokens.add(token);
        return json(200, { token_type: 'bearer', access_token: token, expires_in: 172800 }, correlation());
      }
      const token = bearerToken(request);
      if (!token || !tokens.has(token)) return error(401, 'Invalid or expired access token');

      if (request.method === 'GET' && path === '/users/me') {
        return json(
          200,
          { id: 1, firstName: 'Sandbox', lastName: 'Owner', email: 'owner@helpscout.sandbox.test', role: 'owner' },
          correlation(),
        );
      }
      if (request.method === 'GET' && path === '/customers') {
        // The advanced query this sandbox understands: (email:"...").
        const wanted = /email:"((?:[^"\\]|\\.)*)"/.exec(url.searchParams.get('query') ?? '')?.[1]?.replace(/\\(.)/g, '$1');
        const listed = lagging ? [...customers.values(), ...removed.values()] : [...customers.values()];
        const matching = listed.filter((c) => wanted === undefined || c.emails.some((e) => sameEmail(e, wanted)));
        const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
        const totalPages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
        return json(
          200,
          {
            _embedded: { customers: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(view) },
            page: { size: PAGE_SIZE, totalElements: matching.length, totalPages, number: page },
            _links: { self: { href: url.toString() } },
          },
          correlation(),
        );
      }
      if (parts.length === 2 && parts[0] === 'customers') {
        const id = Number(parts[1]);
        const customer = customers.get(id);
        if (!customer) return error(404, 'Resource not found');
        if (request.method === 'GET') return json(200, view(customer), correlation());
        if (request.method === 'DELETE') {
          customers.delete(id);
          removed.set(id, customer);
          return new Response(null, { status: 204, headers: correlation() });
        }
      }
      return error(404, 'Resource not found');
    },
    deleted: (request, response) => request.method === 'DELETE' && response.status === 204,
    holds: (email) => [...customers.values()].some((c) => c.emails.some((e) => sameEmail(e, email))),
    add,
    lagSearches: () => {
      lagging = true;
    },
  });
}
