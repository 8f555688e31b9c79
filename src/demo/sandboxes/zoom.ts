import type { Sandbox, SandboxOptions, SandboxPerson } from './sandbox';
import { basicCredentials, bearerToken, counter, createSandbox, json, sameEmail } from './sandbox';
import { sandboxCredentials } from './sandbox-config';

/**
 * Zoom's API v2 in miniature: Server-to-Server OAuth (`POST /oauth/token?grant_type=account_credentials`
 * with Basic client id and secret), the account's users, each user's cloud recordings by date range (one
 * month at most, `next_page_token` pages), a past meeting's participants, and recordings deleted with 204
 * and read with 404 code 3301 once gone. Meeting UUIDs may start with "/" or contain "//", which Zoom wants
 * double-encoded: the path is decoded once as a whole, so a UUID encoded only once breaks the route, as
 * it does at Zoom. 429 carries Retry-After as an instant, the way Zoom's daily limits do.
 */
type Meeting = {
  uuid: string;
  id: number;
  hostId: string;
  topic: string;
  startTime: string;
  participants: SandboxPerson[];
  recorded: boolean;
};

const SUPPORT_HOST = { id: 'zhost0001', email: 'support.host@zoom.sandbox.test', first_name: 'Support', last_name: 'Host' };
const SUCCESS_HOST = { id: 'zhost0002', email: 'success.host@zoom.sandbox.test', first_name: 'Success', last_name: 'Host' };
const HOSTS = [SUPPORT_HOST, SUCCESS_HOST];
const DAY = 86_400_000;

function page<T>(items: readonly T[], url: URL): { items: T[]; next: string } {
  const size = Math.min(Math.max(Number(url.searchParams.get('page_size') ?? '30') || 30, 1), 300);
  const offset = Number(/^npt-(\d+)$/.exec(url.searchParams.get('next_page_token') ?? '')?.[1] ?? '0');
  return { items: items.slice(offset, offset + size), next: offset + size < items.length ? `npt-${offset + size}` : '' };
}

export function createZoomSandbox(options: SandboxOptions): Sandbox {
  const credentials = options.credentials ?? sandboxCredentials.zoom;
  const now = options.now ?? (() => new Date());
  const meetings = new Map<string, Meeting>();
  const tokens = new Set<string>();
  let lagging = false;
  const nextToken = counter('zm-token-', 4);
  const nextTracking = counter('zm-track-', 8);
  let serial = 0;
  const headers = () => ({ 'x-zm-trackingid': nextTracking() });
  const error = (status: number, code: number, message: string, extra: Record<string, string> = {}) =>
    json(status, { code, message }, { ...headers(), ...extra });

  const add = (person: SandboxPerson) => {
    serial += 1;
    // Some UUIDs need double encoding, as Zoom's do.
    const uuid = serial % 4 === 0 ? `/Sbx${serial}xQ==` : serial % 4 === 1 ? `Sbx${serial}//xQ==` : `Sbx${serial}xQ==`;
    const host = serial % 2 === 0 ? SUPPORT_HOST : SUCCESS_HOST;
    meetings.set(uuid, {
      uuid,
      id: 81_000_000_000 + serial,
      hostId: host.id,
      topic: 'Support call',
      // Within the last two weeks: recordings are deleted within two weeks (policy 5.5).
      startTime: new Date(now().getTime() - (1 + (serial % 12)) * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      participants: [{ email: host.email, name: `${host.first_name} ${host.last_name}` }, person],
      recorded: true,
    });
  };
  for (const person of options.people ?? []) add(person);

  const recordingView = (m: Meeting) => ({
    uuid: m.uuid,
    id: m.id,
    host_id: m.hostId,
    topic: m.topic,
    start_time: m.startTime,
    recording_count: 1,
    recording_files: [{ id: `rf-${m.id}`, file_type: 'MP4', recording_type: 'shared_screen_with_speaker_view', status: 'completed' }],
  });

  return createSandbox({
    vendor: 'zoom',
    baseUrl: options.baseUrl,
    isTokenRequest: (_request, url) => url.pathname === '/oauth/token',
    failure(f) {
      if (f.kind === 'rate_limit') {
        const until = new Date(now().getTime() + f.retryAfterSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return error(429, 429, 'You have reached the maximum per-second rate limit for this API. Try again later.', {
          'retry-after': until,
        });
      }
      if (f.kind === 'server_error') return error(500, 500, 'Internal server error.');
      return error(401, 124, 'Invalid access token.');
    },
    async route(request, url, path) {
      if (url.pathname === '/oauth/token' && request.method === 'POST') {
        const auth = basicCredentials(request);
        if (url.searchParams.get('grant_type') !== 'account_credentials')
          return json(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
        if (!auth || auth.user !== credentials.clientId || auth.password !== credentials.clientSecret) {
          return json(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
        }
        if (url.searchParams.get('account_id') !== credentials.accountId)
          return json(400, { reason: 'Invalid account_id', error: 'invalid_request' });
        const token = nextToken();
        tokens.add(token);
        return json(200, {
          access_token: token,
          token_type: 'bearer',
          expires_in: 3599,
          scope: 'user:read:admin recording:read:admin recording:write:admin',
        });
      }
      const token = bearerToken(request);
      if (!token || !tokens.has(token)) return error(401, 124, 'Invalid access token.');
      if (path === null) return error(404, 404, 'Not found.');

      let parts: string[];
      try {
        parts = decodeURIComponent(path)
          .split('/')
          .filter(Boolean)
          .map((s) => decodeURIComponent(s));
      } catch {
        return error(404, 404, 'Not found.');
      }

      if (request.method === 'GET' && parts.length === 1 && parts[0] === 'users') {
        const { items, next } = page(HOSTS, url);
        return json(
          200,
          {
            page_size: items.length,
            total_records: HOSTS.length,
            next_page_token: next,
            users: items.map((u) => ({ ...u, type: 2, status: 'active' })),
          },
          headers(),
        );
      }
      if (request.method === 'GET' && parts.length === 3 && parts[0] === 'users' && parts[2] === 'recordings') {
        const host = HOSTS.find((h) => h.id === parts[1] || h.email === parts[1]);
        if (!host) return error(404, 1001, 'User does not exist: ' + (parts[1] ?? ''));
        const today = now().toISOString().slice(0, 10);
        const from = url.searchParams.get('from') ?? new Date(now().getTime() - DAY).toISOString().slice(0, 10);
        const to = url.searchParams.get('to') ?? today;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to)
          return error(400, 300, 'Invalid date range.');
        if (Date.parse(to) - Date.parse(from) > 31 * DAY) return error(400, 300, 'The date range may be one month at most.');
        const within = [...meetings.values()].filter(
          (m) => m.hostId === host.id && (m.recorded || lagging) && m.startTime.slice(0, 10) >= from && m.startTime.slice(0, 10) <= to,
        );
        const { items, next } = page(within, url);
        return json(
          200,
          { from, to, page_size: items.length, total_records: within.length, next_page_token: next, meetings: items.map(recordingView) },
          headers(),
        );
      }
      if (request.method === 'GET' && parts.length === 3 && parts[0] === 'past_meetings' && parts[2] === 'participants') {
        const meeting = meetings.get(parts[1] ?? '');
        if (!meeting) return error(404, 3001, 'Meeting does not exist.');
        const { items, next } = page(meeting.participants, url);
        return json(
          200,
          {
            page_size: items.length,
            total_records: meeting.participants.length,
            next_page_token: next,
            participants: items.map((p, i) => ({ id: `p${i}`, name: p.name, user_email: p.email })),
          },
          headers(),
        );
      }
      if (parts.length === 3 && parts[0] === 'meetings' && parts[2] === 'recordings') {
        const meeting = meetings.get(parts[1] ?? '');
        if (!meeting?.recorded) return error(404, 3301, 'This recording does not exist.');
        if (request.method === 'GET') return json(200, recordingView(meeting), headers());
        if (request.method === 'DELETE') {
          const action = url.searchParams.get('action') ?? 'trash';
          if (action !== 'trash' && action !== 'delete') return error(400, 300, 'Invalid action.');
          meeting.recorded = false;
          return new Response(null, { status: 204, headers: headers() });
        }
      }
      return error(404, 404, 'Not found.');
    },
    deleted: (request, response) => request.method === 'DELETE' && response.status === 204,
    holds: (email) => [...meetings.values()].some((m) => m.recorded && m.participants.some((p) => sameEmail(p.email, email))),
    add,
    lagSearches: () => {
      lagging = true;
    },
  });
}
