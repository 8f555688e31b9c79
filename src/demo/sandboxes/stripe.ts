import type { Sandbox, SandboxOptions, SandboxPerson } from './sandbox';
import { bearerToken, counter, createSandbox, json, sameEmail, segments } from './sandbox';
import { sandboxCredentials } from './sandbox-config';

/**
 * Stripe's customers API in miniature: the secret key as bearer, a case-sensitive email filter on the list
 * with cursor pagination (`limit`, `starting_after`, `has_more`), DELETE answering `deleted: true`, a
 * deleted customer still readable as `{ id, deleted: true }` and left out of the list, a second DELETE
 * answering 404 resource_missing; a Request-Id on every answer.
 */
type Customer = { id: string; email: string; name: string; created: number; deleted: boolean };

export function createStripeSandbox(options: SandboxOptions): Sandbox {
  const credentials = options.credentials ?? sandboxCredentials.stripe;
  const now = options.now ?? (() => new Date());
  const customers = new Map<string, Customer>();
  let lagging = false;
  const nextId = counter('cus_Sbx');
  const nextRequest = counter('req_sbx', 10);
  const headers = () => ({ 'request-id': nextRequest() });
  const error = (status: number, type: string, message: string, code?: string) =>
    json(status, { error: { type, message, ...(code ? { code } : {}), doc_url: 'https://docs.stripe.com/error-codes' } }, headers());

  const add = (person: SandboxPerson) => {
    const id = nextId();
    customers.set(id, { id, email: person.email, name: person.name, created: Math.floor(now().getTime() / 1000), deleted: false });
  };
  for (const person of options.people ?? []) add(person);
  const view = (c: Customer) =>
    c.deleted
      ? { id: c.id, object: 'customer', deleted: true }
      : { id: c.id, object: 'customer', email: c.email, name: c.name, created: c.created, livemode: false };

  return createSandbox({
    vendor: 'stripe',
    baseUrl: options.baseUrl,
    failure(f) {
      if (f.kind === 'rate_limit')
        return error(429, 'invalid_request_error', 'Request rate limit exceeded. Retry after a pause.', 'rate_limit');
      if (f.kind === 'server_error') return error(500, 'api_error', 'Something went wrong on Stripe’s end.');
      return error(401, 'invalid_request_error', 'Invalid API Key provided.');
    },
    async route(request, url, path) {
      if (bearerToken(request) !== credentials.secretKey) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
      const parts = path === null ? [] : segments(path);
      if (parts[0] !== 'customers')
        return error(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${url.pathname}).`);

      if (parts.length === 1 && request.method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? '10');
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          return error(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100', 'parameter_invalid_integer');
        }
        const email = url.searchParams.get('email');
        // Newest first, as Stripe lists; the email filter is exact and case-sensitive.
        const all = [...customers.values()].filter((c) => (lagging || !c.deleted) && (email === null || c.email === email)).reverse();
        const after = url.searchParams.get('starting_after');
        const start = after ? all.findIndex((c) => c.id === after) + 1 : 0;
        if (after && start === 0) return error(400, 'invalid_request_error', `No such customer: '${after}'`, 'resource_missing');
        const data = all.slice(start, start + limit);
        // A lagging list still shows a deleted customer as it was.
        const listed = data.map((c) => view({ ...c, deleted: false }));
        return json(200, { object: 'list', url: '/v1/customers', has_more: start + limit < all.length, data: listed }, headers());
      }
      if (parts.length === 2) {
        const customer = customers.get(parts[1] ?? '');
        const missing = () => error(404, 'invalid_request_error', `No such customer: '${parts[1] ?? ''}'`, 'resource_missing');
        if (!customer) return missing();
        if (request.method === 'GET') return json(200, view(customer), headers());
        if (request.method === 'DELETE') {
          if (customer.deleted) return missing();
          customer.deleted = true;
          return json(200, { id: customer.id, object: 'customer', deleted: true }, headers());
        }
      }
      return error(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${url.pathname}).`);
    },
    deleted: (request, response) => request.method === 'DELETE' && response.status === 200,
    holds: (email) => [...customers.values()].some((c) => !c.deleted && sameEmail(c.email, email)),
    add,
    lagSearches: () => {
      lagging = true;
    },
  });
}
