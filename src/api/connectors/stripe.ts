import type { ConnectionContext, Connector } from './connector';
import { eraseRecords } from './erase-records';
import type { VendorProfile } from './vendor-session';
import { hiddenCredentials, join, VendorSession } from './vendor-session';

/**
 * Stripe (https://docs.stripe.com/api). The secret key is a bearer token; the person's customers are listed
 * by email and deleted. Stripe keeps a deleted customer readable "in order to be able to track their
 * history": GET answers `{ id, deleted: true }`, and a second DELETE answers 404 resource_missing. The list
 * leaves deleted customers out. Idempotency-Key is for POST requests only ("GET and DELETE requests are
 * idempotent by definition", https://docs.stripe.com/api/idempotent_requests), and these calls are GET and
 * DELETE, so none is sent; a retried DELETE is prevented by `alreadyDeleted` instead.
 */
const profile: VendorProfile = {
  name: 'Stripe',
  // Each answer carries Request-Id (https://docs.stripe.com/api/request_ids).
  requestIdHeader: 'request-id',
  // { error: { type, code, message, doc_url } } (https://docs.stripe.com/api/errors).
  errorMessage: (body) => {
    const error = (body as { error?: { message?: unknown; code?: unknown } } | null)?.error;
    if (!error) return null;
    const message = typeof error.message === 'string' ? error.message : null;
    return typeof error.code === 'string' && message ? `${message} (${error.code})` : message;
  },
};

const MAX_PAGES = 20;

function session(ctx: ConnectionContext & { attempt?: number }, email?: string): VendorSession {
  return new VendorSession(ctx, profile, [...(email ? [{ value: email, as: '<subject>' }] : []), ...hiddenCredentials(ctx.credentials)]);
}

const auth = (ctx: ConnectionContext) => ({ authorization: `Bearer ${ctx.credentials.secretKey ?? ''}` });

type CustomerList = { data?: { id?: unknown; deleted?: unknown }[]; has_more?: unknown };

export const stripeConnector: Connector = {
  vendor: 'stripe',
  productionBaseUrl: () => 'https://api.stripe.com/v1',

  async erase(subject, ctx) {
    const s = session(ctx, subject.email);
    const headers = auth(ctx);
    const customerUrl = (id: string) => join(ctx.baseUrl, `/customers/${encodeURIComponent(id)}`);
    return eraseRecords(s, ctx, {
      async find() {
        // GET /v1/customers?email=...&limit=100&starting_after=...: List all customers; the email filter is
        // case-sensitive, so the address as given and in lower case are both asked for.
        const ids = new Set<string>();
        for (const email of new Set([subject.email, subject.email.toLowerCase()])) {
          let after: string | null = null;
          for (let page = 0; page < MAX_PAGES; page++) {
            const query = new URLSearchParams({ email, limit: '100', ...(after ? { starting_after: after } : {}) });
            const { body } = await s.request('GET', `${join(ctx.baseUrl, '/customers')}?${query.toString()}`, { headers, accept: [200] });
            const list = body as CustomerList | null;
            const found = (list?.data ?? []).flatMap((c) => (typeof c.id === 'string' ? [c.id] : []));
            for (const id of found) ids.add(id);
            after = found.at(-1) ?? null;
            if (list?.has_more !== true || after === null) break;
          }
        }
        return [...ids];
      },
      async remove(id) {
        // DELETE /v1/customers/{id}: answers { id, object: "customer", deleted: true }; 404 for no such customer.
        const { status, call } = await s.request('DELETE', customerUrl(id), { headers, accept: [200, 404] });
        return { result: status === 404 ? 'gone' : 'deleted', call };
      },
      async confirm(id) {
        // GET /v1/customers/{id}: a deleted customer answers { id, deleted: true }.
        const { status, body } = await s.request('GET', customerUrl(id), { headers, accept: [200, 404] });
        if (status === 404) return 'gone';
        return (body as { deleted?: unknown } | null)?.deleted === true ? 'marked' : 'present';
      },
    });
  },

  async check(ctx) {
    const s = session(ctx);
    // GET /v1/customers?limit=1: a read a restricted key with Customers access may make.
    return s.check(() => s.request('GET', `${join(ctx.baseUrl, '/customers')}?limit=1`, { headers: auth(ctx), accept: [200] }));
  },
};
