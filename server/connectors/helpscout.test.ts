import { describe, expect, it } from 'vitest';
import { helpScoutConnector } from '@/api/connectors/helpscout';
import { createHelpScoutSandbox } from '@/demo/sandboxes/helpscout';
import { describeConnectorContract, expectErased, subject } from './connector-cases';

const served = describeConnectorContract({
  vendor: 'helpscout',
  connector: helpScoutConnector,
  makeSandbox: createHelpScoutSandbox,
  basePath: '/v2',
  namesWait: true,
  severalRecords: true,
  wrongCredentials: { appId: 'someone-elses-app', appSecret: 'not-the-secret' },
});

describe('helpscout: the vendor’s contract', () => {
  it('follows the pages of the customer search to the end', async () => {
    const sandbox = served.fresh(Array.from({ length: 55 }, (_, i) => ({ email: subject.email, name: `Pat ${i}` })));
    const outcome = expectErased(await helpScoutConnector.erase(subject, served.context().ctx));
    expect(outcome.found).toBe(55);
    expect(sandbox.holds(subject.email)).toBe(false);
    const searches = outcome.calls.filter((c) => c.url.includes('/customers?'));
    expect(searches.map((c) => new URL(c.url).searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('shows the search in the evidence with <subject> for the email, and Help Scout’s Correlation-ID', async () => {
    served.fresh([{ email: subject.email, name: 'Pat Person' }]);
    const outcome = expectErased(await helpScoutConnector.erase(subject, served.context().ctx));
    const search = outcome.calls.find((c) => c.url.includes('/customers?'));
    expect(search?.url).toMatch(/\/v2\/customers\?query=\(email:"<subject>"\)&page=1$/);
    expect(search?.requestId).toMatch(/^hs-/);
    expect(outcome.calls[0]).toMatchObject({ method: 'POST', status: 200 });
    expect(outcome.calls[0]?.url).toMatch(/\/v2\/oauth2\/token$/);
  });
});
