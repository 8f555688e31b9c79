import type { ConnectionContext, Connector } from './connector';
import { eraseRecords } from './erase-records';
import type { VendorProfile } from './vendor-session';
import { basicAuth, hiddenCredentials, join, Stop, VendorSession } from './vendor-session';

/**
 * Zoom, API v2 (https://developers.zoom.us/docs/api/). A Server-to-Server OAuth app trades its account id,
 * client id and secret for an hour's bearer token. What Zoom holds of a customer is the cloud recordings of
 * calls they took part in (policy 5.5): each active user's recordings of the last months are listed, each
 * recorded meeting's participants are read, and the recordings of meetings the person attended are deleted
 * permanently, then read again until they answer 404.
 */
const PRODUCTION_API = 'https://api.zoom.us/v2';
const PRODUCTION_TOKEN = 'https://zoom.us/oauth/token';
/** Recordings are deleted within two weeks (policy 5.5); three months also finds any that were missed. */
const SEARCH_WINDOWS = 3;
const WINDOW_DAYS = 30;
const MAX_PAGES = 20;

const profile: VendorProfile = {
  name: 'Zoom',
  requestIdHeader: 'x-zm-trackingid',
  // { code, message } (https://developers.zoom.us/docs/api/errors/); OAuth errors { reason, error }.
  errorMessage: (body) => {
    if (typeof body !== 'object' || body === null) return null;
    const b = body as { code?: unknown; message?: unknown; reason?: unknown; error?: unknown };
    if (typeof b.message === 'string')
      return typeof b.code === 'number' || typeof b.code === 'string' ? `${b.message} (code ${b.code})` : b.message;
    return typeof b.reason === 'string' ? b.reason : typeof b.error === 'string' ? b.error : null;
  },
  // 429 carries Retry-After, an instant for the daily limits (https://developers.zoom.us/docs/api/rate-limits/).
  retryAfterHeaders: ['retry-after'],
};

/** Zoom's token endpoint lives on zoom.us; a sandbox or test server serves it next to its API. */
function tokenUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '') === PRODUCTION_API ? PRODUCTION_TOKEN : `${new URL(baseUrl).origin}/oauth/token`;
}

async function bearer(s: VendorSession, ctx: ConnectionContext): Promise<Record<string, string>> {
  // POST https://zoom.us/oauth/token?grant_type=account_credentials&account_id=... with Basic client_id:secret
  // (https://developers.zoom.us/docs/internal-apps/s2s-oauth/).
  const query = new URLSearchParams({ grant_type: 'account_credentials', account_id: ctx.credentials.accountId ?? '' });
  const { body } = await s.request('POST', `${tokenUrl(ctx.baseUrl)}?${query.toString()}`, {
    headers: { authorization: basicAuth(ctx.credentials.clientId ?? '', ctx.credentials.clientSecret ?? '') },
    accept: [200],
  });
  const token = (body as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new Stop({ outcome: 'failed', status: 200, reason: 'Zoom answered the token request without an access token' });
  }
  return { authorization: `Bearer ${token}` };
}

/** A meeting UUID in a path: "If a UUID starts with / or contains //, you must double encode the UUID". */
function uuidPath(uuid: string): string {
  const once = encodeURIComponent(uuid);
  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}

/** Follows `next_page_token` to the end, collecting what `pick` takes from each page. */
async function pages<T>(s: VendorSession, url: string, headers: Record<string, string>, pick: (body: unknown) => T[]): Promise<T[]> {
  const items: T[] = [];
  let token = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const { body } = await s.request('GET', `${url}${token ? `&next_page_token=${encodeURIComponent(token)}` : ''}`, {
      headers,
      accept: [200],
    });
    items.push(...pick(body));
    const next = (body as { next_page_token?: unknown } | null)?.next_page_token;
    if (typeof next !== 'string' || next === '') break;
    token = next;
  }
  return items;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function session(ctx: ConnectionContext & { attempt?: number }, email?: string): VendorSession {
  return new VendorSession(ctx, profile, [...(email ? [{ value: email, as: '<subject>' }] : []), ...hiddenCredentials(ctx.credentials)]);
}

export const zoomConnector: Connector = {
  vendor: 'zoom',
  productionBaseUrl: () => PRODUCTION_API,

  async erase(subject, ctx) {
    const s = session(ctx, subject.email);
    let headers: Record<string, string> = {};
    const recordings = (uuid: string) => join(ctx.baseUrl, `/meetings/${uuidPath(uuid)}/recordings`);
    return eraseRecords(s, ctx, {
      async find() {
        headers = await bearer(s, ctx);
        const wanted = subject.email.trim().toLowerCase();
        // GET /v2/users?status=active&page_size=300: List users, the hosts whose recordings are searched.
        const hosts = await pages(s, `${join(ctx.baseUrl, '/users')}?status=active&page_size=300`, headers, (body) =>
          ((body as { users?: { id?: unknown }[] } | null)?.users ?? []).flatMap((u) => (typeof u.id === 'string' ? [u.id] : [])),
        );
        const meetings = new Set<string>();
        const now = ctx.now().getTime();
        for (const host of hosts) {
          for (let w = 0; w < SEARCH_WINDOWS; w++) {
            // GET /v2/users/{userId}/recordings?from&to: List all recordings; a range may span one month at most.
            const to = now - w * WINDOW_DAYS * 86_400_000;
            const from = to - (WINDOW_DAYS - 1) * 86_400_000;
            const url = `${join(ctx.baseUrl, `/users/${encodeURIComponent(host)}/recordings`)}?from=${day(from)}&to=${day(to)}&page_size=300`;
            const found = await pages(s, url, headers, (body) =>
              ((body as { meetings?: { uuid?: unknown }[] } | null)?.meetings ?? []).flatMap((m) =>
                typeof m.uuid === 'string' ? [m.uuid] : [],
              ),
            );
            for (const uuid of found) meetings.add(uuid);
          }
        }
        const attended: string[] = [];
        for (const uuid of meetings) {
          // GET /v2/past_meetings/{meetingUUID}/participants: Get past meeting participants, with user_email.
          const emails = await pages(
            s,
            `${join(ctx.baseUrl, `/past_meetings/${uuidPath(uuid)}/participants`)}?page_size=300`,
            headers,
            (body) =>
              ((body as { participants?: { user_email?: unknown }[] } | null)?.participants ?? []).flatMap((p) =>
                typeof p.user_email === 'string' ? [p.user_email.trim().toLowerCase()] : [],
              ),
          );
          if (emails.includes(wanted)) attended.push(uuid);
        }
        return attended;
      },
      async remove(uuid) {
        // DELETE /v2/meetings/{meetingUUID}/recordings?action=delete: Delete meeting or webinar recordings,
        // permanently (the default, `trash`, keeps them 30 days); 204, or 404 (code 3301) when there are none.
        if (Object.keys(headers).length === 0) headers = await bearer(s, ctx);
        const { status, call } = await s.request('DELETE', `${recordings(uuid)}?action=delete`, { headers, accept: [204, 404] });
        return { result: status === 404 ? 'gone' : 'deleted', call };
      },
      async confirm(uuid) {
        // GET /v2/meetings/{meetingUUID}/recordings: Get meeting recordings; 404 (code 3301) once deleted.
        if (Object.keys(headers).length === 0) headers = await bearer(s, ctx);
        const { status } = await s.request('GET', recordings(uuid), { headers, accept: [200, 404] });
        return status === 404 ? 'gone' : 'present';
      },
    });
  },

  async check(ctx) {
    const s = session(ctx);
    return s.check(async () => {
      const headers = await bearer(s, ctx);
      return s.request('GET', `${join(ctx.baseUrl, '/users')}?status=active&page_size=1`, { headers, accept: [200] });
    });
  },
};
