import type { ConnectionContext, Connector, ConnectorContext } from './connector';
import { eraseRecords } from './erase-records';
import type { VendorProfile } from './vendor-session';
import { hiddenCredentials, join, Stop, VendorSession } from './vendor-session';

/**
 * Help Scout, Mailbox API 2.0 (https://developer.helpscout.com/mailbox-api/). OAuth2 client credentials give
 * a bearer token; a customer is found by an email search, deleted (the GDPR delete, changelog 2022-10-20,
 * which removes the customer with their conversations) and read again until it answers 404.
 */
const profile: VendorProfile = {
  name: 'Help Scout',
  // "Every response carries a Correlation-ID header" to quote to Help Scout's support.
  requestIdHeader: 'correlation-id',
  // Errors are vnd.error documents: { message, logRef, _embedded: { errors: [{ path, message }] } }; the
  // token endpoint answers OAuth2's { error, error_description }.
  errorMessage: (body) => {
    if (typeof body !== 'object' || body === null) return null;
    const b = body as { message?: unknown; error?: unknown; error_description?: unknown; _embedded?: { errors?: { message?: unknown }[] } };
    const detail = b._embedded?.errors?.map((e) => e.message).filter((m) => typeof m === 'string');
    const main = typeof b.message === 'string' ? b.message : typeof b.error_description === 'string' ? b.error_description : null;
    if (main) return detail?.length ? `${main}: ${detail.join('; ')}` : main;
    return typeof b.error === 'string' ? b.error : null;
  },
  // Rate limiting: 429 with X-RateLimit-Retry-After, the seconds until the limit refreshes
  // (https://developer.helpscout.com/mailbox-api/overview/rate-limiting/).
  retryAfterHeaders: ['x-ratelimit-retry-after', 'retry-after'],
};

const MAX_PAGES = 50;

async function bearer(session: VendorSession, ctx: ConnectionContext): Promise<Record<string, string>> {
  // POST /v2/oauth2/token, grant_type=client_credentials
  // (https://developer.helpscout.com/mailbox-api/overview/authentication/#client-credentials-flow).
  const { body } = await session.request('POST', join(ctx.baseUrl, '/oauth2/token'), {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: ctx.credentials.appId ?? '',
      client_secret: ctx.credentials.appSecret ?? '',
    }),
    accept: [200],
  });
  const token = (body as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new Stop({ outcome: 'failed', status: 200, reason: 'Help Scout answered the token request without an access token' });
  }
  return { authorization: `Bearer ${token}` };
}

type CustomerPage = { _embedded?: { customers?: { id?: unknown }[] }; page?: { totalPages?: unknown } };

function session(ctx: ConnectionContext & { attempt?: number }, email?: string): VendorSession {
  return new VendorSession(ctx, profile, [...(email ? [{ value: email, as: '<subject>' }] : []), ...hiddenCredentials(ctx.credentials)]);
}

export const helpScoutConnector: Connector = {
  vendor: 'helpscout',
  productionBaseUrl: () => 'https://api.helpscout.net/v2',

  async erase(subject, ctx: ConnectorContext) {
    const s = session(ctx, subject.email);
    let auth: Record<string, string> = {};
    const customerUrl = (id: string) => join(ctx.baseUrl, `/customers/${encodeURIComponent(id)}`);
    return eraseRecords(s, ctx, {
      async find() {
        auth = await bearer(s, ctx);
        // GET /v2/customers?query=(email:"...")&page=N: List Customers with the advanced search syntax,
        // HAL pages of 50 (https://developer.helpscout.com/mailbox-api/endpoints/customers/list/).
        const quoted = subject.email.replace(/["\\]/g, '\\$&');
        const ids: string[] = [];
        for (let page = 1, pages = 1; page <= pages && page <= MAX_PAGES; page++) {
          const query = new URLSearchParams({ query: `(email:"${quoted}")`, page: String(page) });
          const { body } = await s.request('GET', `${join(ctx.baseUrl, '/customers')}?${query.toString()}`, {
            headers: auth,
            accept: [200],
          });
          const answer = body as CustomerPage | null;
          for (const c of answer?._embedded?.customers ?? [])
            if (typeof c.id === 'number' || typeof c.id === 'string') ids.push(String(c.id));
          pages = Number(answer?.page?.totalPages ?? 1) || 1;
        }
        return ids;
      },
      async remove(id) {
        // DELETE /v2/customers/{id}: 204 once deleted, 404 for no such customer
        // (https://developer.helpscout.com/mailbox-api/endpoints/customers/delete/).
        const { status, call } = await s.request('DELETE', customerUrl(id), { headers: auth, accept: [202, 204, 404] });
        return { result: status === 404 ? 'gone' : 'deleted', call };
      },
      async confirm(id) {
        // GET /v2/customers/{id}: 404 once the customer is gone
        // (https://developer.helpscout.com/mailbox-api/endpoints/customers/get/).
        const { status } = await s.request('GET', customerUrl(id), { headers: auth, accept: [200, 404] });
        return status === 404 ? 'gone' : 'present';
      },
    });
  },

  async check(ctx) {
    const s = session(ctx);
    return s.check(async () => {
      const auth = await bearer(s, ctx);
      // GET /v2/users/me: the resource owner, a read every token may make
      // (https://developer.helpscout.com/mailbox-api/endpoints/users/me/).
      return s.request('GET', join(ctx.baseUrl, '/users/me'), { headers: auth, accept: [200] });
    });
  },
};
