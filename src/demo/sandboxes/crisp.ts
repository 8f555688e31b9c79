import type { Sandbox, SandboxOptions, SandboxPerson } from './sandbox';
import { basicCredentials, createSandbox, json, sameEmail, segments } from './sandbox';
import { sandboxCredentials, sandboxSettings } from './sandbox-config';

/**
 * Crisp's REST API v1 in miniature: Basic auth with a plugin token and `X-Crisp-Tier: plugin`, one website's
 * people profiles listed 20 to a page by a loose `search_text`, removed, and read with 404
 * `people_not_found` once gone; every answer `{ error, reason, data }`; 429 without a named wait.
 */
type Profile = { people_id: string; email: string; nickname: string; created_at: number };

const PAGE_SIZE = 20;

export function createCrispSandbox(options: SandboxOptions): Sandbox {
  const credentials = options.credentials ?? sandboxCredentials.crisp;
  const websiteId = options.settings?.websiteId ?? sandboxSettings.crisp.websiteId;
  const now = options.now ?? (() => new Date());
  const profiles = new Map<string, Profile>();
  const removed = new Map<string, Profile>();
  let lagging = false;
  const answer = (status: number, reason: string, data: unknown = {}) => json(status, { error: status >= 400, reason, data });

  const add = (person: SandboxPerson) => {
    const id = crypto.randomUUID();
    profiles.set(id, { people_id: id, email: person.email, nickname: person.name, created_at: now().getTime() });
  };
  for (const person of options.people ?? []) add(person);

  return createSandbox({
    vendor: 'crisp',
    baseUrl: options.baseUrl,
    failure(f) {
      if (f.kind === 'rate_limit') return answer(429, 'rate_limited');
      if (f.kind === 'server_error') return answer(500, 'internal_error');
      return answer(401, 'invalid_session');
    },
    async route(request, url, path) {
      const auth = basicCredentials(request);
      if (!auth || auth.user !== credentials.identifier || auth.password !== credentials.key) return answer(401, 'invalid_session');
      if (request.headers.get('x-crisp-tier') !== 'plugin') return answer(403, 'not_allowed', { message: 'The token tier is plugin' });
      const parts = path === null ? [] : segments(path);
      if (parts[0] !== 'website' || parts[2] !== 'people') return answer(404, 'route_not_found');
      if (parts[1] !== websiteId) return answer(404, 'website_not_found');
      const rest = parts.slice(3);

      if (request.method === 'GET' && rest[0] === 'stats' && rest.length === 1) return answer(200, 'resolved', { total: profiles.size });
      if (request.method === 'GET' && rest[0] === 'profiles' && rest.length === 2) {
        const page = Number(rest[1]);
        if (!Number.isInteger(page) || page < 1) return answer(400, 'invalid_data', { message: 'page_number must be a positive integer' });
        const text = (url.searchParams.get('search_text') ?? '').toLowerCase();
        const listed = lagging ? [...profiles.values(), ...removed.values()] : [...profiles.values()];
        const matching = listed.filter((p) => !text || p.email.toLowerCase().includes(text) || p.nickname.toLowerCase().includes(text));
        const data = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => ({
          people_id: p.people_id,
          email: p.email,
          person: { nickname: p.nickname },
          created_at: p.created_at,
        }));
        return answer(200, 'listed', data);
      }
      if (rest[0] === 'profile' && rest.length === 2) {
        const profile = profiles.get(rest[1] ?? '');
        if (!profile) return answer(404, 'people_not_found');
        if (request.method === 'GET')
          return answer(200, 'resolved', { people_id: profile.people_id, email: profile.email, person: { nickname: profile.nickname } });
        if (request.method === 'DELETE') {
          profiles.delete(profile.people_id);
          removed.set(profile.people_id, profile);
          return answer(200, 'deleted');
        }
      }
      return answer(404, 'route_not_found');
    },
    deleted: (request, response) => request.method === 'DELETE' && response.status === 200,
    holds: (email) => [...profiles.values()].some((p) => sameEmail(p.email, email)),
    add,
    lagSearches: () => {
      lagging = true;
    },
  });
}
