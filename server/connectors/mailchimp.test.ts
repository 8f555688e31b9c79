import { describe, expect, it } from 'vitest';
import { mailchimpConnector } from '@/api/connectors/mailchimp';
import { md5Hex } from '@/api/connectors/md5';
import { createMailchimpSandbox } from '@/demo/sandboxes/mailchimp';
import { describeConnectorContract, expectErased, subject } from './connector-cases';

const served = describeConnectorContract({
  vendor: 'mailchimp',
  connector: mailchimpConnector,
  makeSandbox: createMailchimpSandbox,
  basePath: '/3.0',
  namesWait: false,
  severalRecords: false,
  wrongCredentials: { apiKey: 'notourkey00000000-us6' },
});

describe('mailchimp: the vendor’s contract', () => {
  it('addresses the member by the MD5 of the lower-cased email, deletes permanently, and reads 404 after', async () => {
    served.fresh([{ email: subject.email, name: 'Pat Person' }]);
    const outcome = expectErased(await mailchimpConnector.erase(subject, served.context().ctx));
    const deletion = outcome.calls.find((c) => c.method === 'POST');
    expect(deletion?.url).toMatch(/\/3\.0\/lists\/sandbox01\/members\/<subject-hash>\/actions\/delete-permanent$/);
    expect(deletion?.status).toBe(204);
    expect(outcome.verification).toMatchObject({ method: 'not_found' });
    expect(outcome.verification.calls.map((c) => c.status)).toEqual([404]);
    // The member's id is its unique_email_id, not the hash (which stands for the email).
    expect(outcome.deletedIds[0]).not.toBe(md5Hex(subject.email.toLowerCase()));
  });

  it('takes the data center from the API key for the production address', () => {
    expect(mailchimpConnector.productionBaseUrl({ apiKey: 'abc123-us21' }, {})).toBe('https://us21.api.mailchimp.com/3.0');
  });

  it('reports a wrong audience id when testing the connection', async () => {
    served.fresh([]);
    const check = await mailchimpConnector.check(served.context({ settings: { audienceId: 'elsewhere' } }).ctx);
    expect(check).toMatchObject({ ok: false, status: 404 });
    expect(check.message).toMatch(/Resource Not Found/);
  });
});
