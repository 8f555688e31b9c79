import { md5Hex } from '@/api/connectors/md5';
import type { Sandbox, SandboxOptions, SandboxPerson } from './sandbox';
import { basicCredentials, counter, createSandbox, json, sameEmail, segments } from './sandbox';
import { sandboxCredentials, sandboxSettings } from './sandbox-config';

/**
 * MailChimp's Marketing API 3.0 in miniature: Basic auth with any user name and the API key, one audience
 * whose members are addressed by the MD5 of the lower-cased email, deleted permanently by
 * `actions/delete-permanent` (204) and answering 404 afterwards; problem+json errors and an X-Request-Id.
 */
type Member = { hash: string; uniqueEmailId: string; email: string; name: string; status: 'subscribed' | 'unsubscribed' };

export function createMailchimpSandbox(options: SandboxOptions): Sandbox {
  const credentials = options.credentials ?? sandboxCredentials.mailchimp;
  const audienceId = options.settings?.audienceId ?? sandboxSettings.mailchimp.audienceId;
  const members = new Map<string, Member>();
  const removed = new Map<string, Member>();
  let lagging = false;
  const nextUnique = counter('ue', 8);
  const nextRequest = counter('mc-req-', 8);
  const problem = (status: number, title: string, detail: string) =>
    json(
      status,
      { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: crypto.randomUUID() },
      { 'content-type': 'application/problem+json', 'x-request-id': nextRequest() },
    );
  const ok = (body: unknown) => json(200, body, { 'x-request-id': nextRequest() });

  const add = (person: SandboxPerson) => {
    const hash = md5Hex(person.email.trim().toLowerCase());
    members.set(hash, { hash, uniqueEmailId: nextUnique(), email: person.email, name: person.name, status: 'subscribed' });
  };
  for (const person of options.people ?? []) add(person);

  return createSandbox({
    vendor: 'mailchimp',
    baseUrl: options.baseUrl,
    failure(f) {
      if (f.kind === 'rate_limit') return problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.');
      if (f.kind === 'server_error') return problem(500, 'Internal Server Error', 'An unexpected internal error has occurred.');
      return problem(401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
    },
    async route(request, _url, path) {
      const auth = basicCredentials(request);
      if (!auth || auth.password !== credentials.apiKey) {
        return problem(401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
      }
      const parts = path === null ? [] : segments(path);
      const notFound = () => problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      if (parts[0] !== 'lists' || parts[1] !== audienceId) return notFound();
      if (parts.length === 2 && request.method === 'GET')
        return ok({ id: audienceId, name: 'Sandbox newsletter', stats: { member_count: members.size } });
      if (parts[2] !== 'members' || parts.length < 4) return notFound();
      const stale = lagging && request.method === 'GET' ? removed.get(parts[3] ?? '') : undefined;
      const member = members.get(parts[3] ?? '') ?? stale;
      if (!member) return notFound();
      if (parts.length === 4 && request.method === 'GET') {
        return ok({
          id: member.hash,
          email_address: member.email,
          unique_email_id: member.uniqueEmailId,
          status: member.status,
          full_name: member.name,
        });
      }
      if (parts.length === 6 && parts[4] === 'actions' && parts[5] === 'delete-permanent' && request.method === 'POST') {
        members.delete(member.hash);
        removed.set(member.hash, member);
        return new Response(null, { status: 204, headers: { 'x-request-id': nextRequest() } });
      }
      return problem(405, 'Method Not Allowed', 'The requested method and resource are not compatible.');
    },
    deleted: (request, response) => request.method === 'POST' && response.status === 204,
    holds: (email) => [...members.values()].some((m) => sameEmail(m.email, email)),
    add,
    // The member itself is the only search there is: its read lags.
    lagSearches: () => {
      lagging = true;
    },
  });
}
