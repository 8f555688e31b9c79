import { describe, expect, it } from 'vitest';
import { zoomConnector } from '@/api/connectors/zoom';
import { createZoomSandbox } from '@/demo/sandboxes/zoom';
import { bystander, describeConnectorContract, expectErased, subject } from './connector-cases';

const served = describeConnectorContract({
  vendor: 'zoom',
  connector: zoomConnector,
  makeSandbox: createZoomSandbox,
  basePath: '/v2',
  namesWait: true,
  severalRecords: true,
  wrongCredentials: { accountId: 'sandbox-zoom-account', clientId: 'someone-elses-client', clientSecret: 'not-the-secret' },
});

describe('zoom: the vendor’s contract', () => {
  it('finds the recordings of the meetings the person attended, with UUIDs that need double encoding', async () => {
    // Four meetings: the sandbox gives every fourth a UUID starting with "/", the next one containing "//".
    const sandbox = served.fresh([
      bystander,
      bystander,
      bystander,
      { email: subject.email, name: 'Pat Person' },
      { email: subject.email, name: 'Pat Person' },
    ]);
    const outcome = expectErased(await zoomConnector.erase(subject, served.context().ctx));
    expect(outcome.found).toBe(2);
    expect(outcome.deletedIds.sort()).toEqual(['/Sbx4xQ==', 'Sbx5//xQ=='].sort());
    expect(
      outcome.calls.filter((c) => c.method === 'DELETE').every((c) => c.status === 204 && c.url.endsWith('/recordings?action=delete')),
    ).toBe(true);
    expect(outcome.verification.calls.map((c) => c.status)).toEqual([404, 404]);
    expect(sandbox.holds(subject.email)).toBe(false);
    expect(sandbox.holds(bystander.email)).toBe(true);
  });

  it('searches each host’s recordings a month at a time, and takes the token from Zoom’s OAuth endpoint', async () => {
    served.fresh([{ email: subject.email, name: 'Pat Person' }]);
    const outcome = expectErased(await zoomConnector.erase(subject, served.context().ctx));
    expect(outcome.calls[0]?.url).toMatch(/\/oauth\/token\?grant_type=account_credentials&account_id=<secret>$/);
    const windows = outcome.calls.filter((c) => c.url.includes('/recordings?from='));
    expect(windows).toHaveLength(6);
    for (const w of windows) {
      const url = new URL(w.url);
      const days = (Date.parse(url.searchParams.get('to') ?? '') - Date.parse(url.searchParams.get('from') ?? '')) / 86_400_000;
      expect(days).toBeLessThanOrEqual(31);
    }
  });

  it('answers the documented API root in production', () => {
    expect(zoomConnector.productionBaseUrl({}, {})).toBe('https://api.zoom.us/v2');
  });
});
