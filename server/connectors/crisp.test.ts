import { describe, expect, it } from 'vitest';
import { crispConnector } from '@/api/connectors/crisp';
import { createCrispSandbox } from '@/demo/sandboxes/crisp';
import { sandboxSettings } from '@/demo/sandboxes/sandbox-config';
import { describeConnectorContract, expectErased, subject } from './connector-cases';

const served = describeConnectorContract({
  vendor: 'crisp',
  connector: crispConnector,
  makeSandbox: createCrispSandbox,
  basePath: '/v1',
  namesWait: false,
  severalRecords: true,
  wrongCredentials: { identifier: 'someone-elses-identifier', key: 'not-the-key' },
});

describe('crisp: the vendor’s contract', () => {
  it('pages through a loose search and deletes only the exact email', async () => {
    // Crisp's search_text matches parts: these 25 contain the address without being it.
    const lookalikes = Array.from({ length: 25 }, (_, i) => ({ email: `x${i}${subject.email}`, name: `Lookalike ${i}` }));
    const sandbox = served.fresh([...lookalikes, { email: subject.email.toLowerCase(), name: 'Pat Person' }]);
    const outcome = expectErased(await crispConnector.erase(subject, served.context().ctx));
    expect(outcome.found).toBe(1);
    expect(sandbox.holds(subject.email)).toBe(false);
    expect(lookalikes.every((p) => sandbox.holds(p.email))).toBe(true);
    const pages = outcome.calls.filter((c) => c.url.includes('/people/profiles/')).map((c) => new URL(c.url).pathname.split('/').at(-1));
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('sends the plugin tier, and reads the website id from the settings', async () => {
    served.fresh([]);
    const wrongSite = await crispConnector.check(served.context({ settings: { websiteId: 'not-our-website' } }).ctx);
    expect(wrongSite).toMatchObject({ ok: false, status: 404 });
    expect(wrongSite.message).toMatch(/website_not_found/);
    const right = await crispConnector.check(served.context({ settings: sandboxSettings.crisp }).ctx);
    expect(right.ok).toBe(true);
  });
});
