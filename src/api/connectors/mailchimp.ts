import type { ConnectionContext, Connector } from './connector';
import { eraseRecords } from './erase-records';
import { md5Hex } from './md5';
import type { VendorProfile } from './vendor-session';
import { basicAuth, hiddenCredentials, join, VendorSession } from './vendor-session';

/**
 * MailChimp, Marketing API 3.0 (https://mailchimp.com/developer/marketing/api/). HTTP Basic with any user
 * name and the API key; the key's suffix names the data center of the base URL. A member of the audience is
 * addressed by its subscriber hash, the MD5 of the lower-cased email, and deleted permanently (the GDPR
 * delete, not the archive that DELETE does); afterwards GET answers 404. The hash stands for the email, so
 * the evidence shows `<subject-hash>` in its place, and the member's `unique_email_id` is its id.
 */
const profile: VendorProfile = {
  name: 'MailChimp',
  requestIdHeader: 'x-request-id',
  // Errors are problem documents: { type, title, status, detail, instance }
  // (https://mailchimp.com/developer/marketing/docs/errors/).
  errorMessage: (body) => {
    if (typeof body !== 'object' || body === null) return null;
    const b = body as { title?: unknown; detail?: unknown };
    const title = typeof b.title === 'string' ? b.title : null;
    const detail = typeof b.detail === 'string' ? b.detail : null;
    return title && detail ? `${title}: ${detail}` : (title ?? detail);
  },
};

/** The data center a key belongs to: the part after its last dash ("...-us6" is us6). */
function dataCenter(apiKey: string): string {
  const dc = apiKey.split('-').at(-1) ?? '';
  return /^[a-z]+\d+$/.test(dc) ? dc : 'us1';
}

const auth = (ctx: ConnectionContext) => ({ authorization: basicAuth('anystring', ctx.credentials.apiKey ?? '') });
const list = (ctx: ConnectionContext) => join(ctx.baseUrl, `/lists/${encodeURIComponent(ctx.settings.audienceId ?? '')}`);

export const mailchimpConnector: Connector = {
  vendor: 'mailchimp',
  productionBaseUrl: (credentials) => `https://${dataCenter(credentials.apiKey ?? '')}.api.mailchimp.com/3.0`,

  async erase(subject, ctx) {
    const hash = md5Hex(subject.email.trim().toLowerCase());
    const s = new VendorSession(ctx, profile, [
      { value: subject.email, as: '<subject>' },
      { value: hash, as: '<subject-hash>' },
      ...hiddenCredentials(ctx.credentials),
    ]);
    const headers = auth(ctx);
    const member = `${list(ctx)}/members/${hash}`;
    return eraseRecords(s, ctx, {
      async find() {
        // GET /3.0/lists/{list_id}/members/{subscriber_hash}: Get member info; 404 when not in the audience.
        const { status, body } = await s.request('GET', `${member}?fields=unique_email_id,status`, { headers, accept: [200, 404] });
        const id = (body as { unique_email_id?: unknown } | null)?.unique_email_id;
        return status === 200 && typeof id === 'string' ? [id] : [];
      },
      async remove() {
        // POST /3.0/lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent: Delete list member
        // permanently, 204; 404 when there is none.
        const { status, call } = await s.request('POST', `${member}/actions/delete-permanent`, { headers, accept: [204, 404] });
        return { result: status === 404 ? 'gone' : 'deleted', call };
      },
      async confirm() {
        const { status } = await s.request('GET', `${member}?fields=unique_email_id`, { headers, accept: [200, 404] });
        return status === 404 ? 'gone' : 'present';
      },
    });
  },

  async check(ctx) {
    const s = new VendorSession(ctx, profile, hiddenCredentials(ctx.credentials));
    // GET /3.0/lists/{list_id}: Get list info, which also checks the audience id.
    return s.check(() => s.request('GET', `${list(ctx)}?fields=id,name`, { headers: auth(ctx), accept: [200] }));
  },
};
