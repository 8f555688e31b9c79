import type { ConnectionContext, Connector } from './connector';
import { eraseRecords } from './erase-records';
import type { VendorProfile } from './vendor-session';
import { basicAuth, hiddenCredentials, join, VendorSession } from './vendor-session';

/**
 * Crisp, REST API v1 (https://docs.crisp.chat/references/rest-api/v1/). A plugin token authenticates with
 * HTTP Basic (identifier:key) and `X-Crisp-Tier: plugin`; a person is a people profile of the website,
 * found by a search, removed, and read again until it answers 404.
 */
const profile: VendorProfile = {
  name: 'Crisp',
  requestIdHeader: null,
  // Every answer is { error, reason, data }; an error's `reason` names it (`people_not_found`,
  // `invalid_session`) and `data.message` may say more.
  errorMessage: (body) => {
    if (typeof body !== 'object' || body === null) return null;
    const b = body as { reason?: unknown; data?: { message?: unknown } };
    const reason = typeof b.reason === 'string' ? b.reason : null;
    const message = typeof b.data?.message === 'string' ? b.data.message : null;
    return reason && message ? `${reason}: ${message}` : (reason ?? message);
  },
  // "You will start receiving 429 Too Many Requests or 420 Enhance Your Calm" and no wait is named
  // (https://docs.crisp.chat/guides/rest-api/rate-limits/): a backoff then.
  rateLimitStatuses: [429, 420],
};

const MAX_PAGES = 20;

function headers(ctx: ConnectionContext): Record<string, string> {
  // https://docs.crisp.chat/guides/rest-api/authentication/: Basic identifier:key, plus the token's tier.
  return { authorization: basicAuth(ctx.credentials.identifier ?? '', ctx.credentials.key ?? ''), 'x-crisp-tier': 'plugin' };
}

function session(ctx: ConnectionContext & { attempt?: number }, email?: string): VendorSession {
  return new VendorSession(ctx, profile, [...(email ? [{ value: email, as: '<subject>' }] : []), ...hiddenCredentials(ctx.credentials)]);
}

const website = (ctx: ConnectionContext) => join(ctx.baseUrl, `/website/${encodeURIComponent(ctx.settings.websiteId ?? '')}`);

export const crispConnector: Connector = {
  vendor: 'crisp',
  productionBaseUrl: () => 'https://api.crisp.chat/v1',

  async erase(subject, ctx) {
    const s = session(ctx, subject.email);
    const auth = headers(ctx);
    const profileUrl = (id: string) => `${website(ctx)}/people/profile/${encodeURIComponent(id)}`;
    return eraseRecords(s, ctx, {
      async find() {
        // GET /v1/website/{website_id}/people/profiles/{page_number}?search_text=...: List People Profiles,
        // a page at a time until one comes back empty. The search matches loosely, so the email is compared.
        const wanted = subject.email.trim().toLowerCase();
        const ids: string[] = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
          const query = new URLSearchParams({ search_text: subject.email });
          const { body } = await s.request('GET', `${website(ctx)}/people/profiles/${page}?${query.toString()}`, {
            headers: auth,
            accept: [200],
          });
          const profiles = (body as { data?: { people_id?: unknown; email?: unknown }[] } | null)?.data ?? [];
          if (profiles.length === 0) break;
          for (const p of profiles) {
            if (typeof p.people_id === 'string' && typeof p.email === 'string' && p.email.trim().toLowerCase() === wanted)
              ids.push(p.people_id);
          }
        }
        return ids;
      },
      async remove(id) {
        // DELETE /v1/website/{website_id}/people/profile/{people_id}: Remove People Profile.
        const { status, call } = await s.request('DELETE', profileUrl(id), { headers: auth, accept: [200, 404] });
        return { result: status === 404 ? 'gone' : 'deleted', call };
      },
      async confirm(id) {
        // GET /v1/website/{website_id}/people/profile/{people_id}: Get People Profile, 404 people_not_found.
        const { status } = await s.request('GET', profileUrl(id), { headers: auth, accept: [200, 404] });
        return status === 404 ? 'gone' : 'present';
      },
    });
  },

  async check(ctx) {
    const s = session(ctx);
    // GET /v1/website/{website_id}/people/stats: Get People Statistics, a read that also checks the website id.
    return s.check(() => s.request('GET', `${website(ctx)}/people/stats`, { headers: headers(ctx), accept: [200] }));
  },
};
