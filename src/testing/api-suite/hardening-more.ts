import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';

/** Issue 17, findings 7 and 10: reveals need a reason and a budget; long exports do not hold the database. */
export function hardeningMoreTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('long exports', () => {
    for (const [name, path] of [
      ['suppression list', '/api/exports/consent-suppression.csv'],
      ['audit log', '/api/exports/audit-events.csv'],
    ] as const) {
      it(`stream the ${name} a page per transaction: a write made while it is being read lands before it ends`, async () => {
        const res = await h.app.request(path, { headers: await h.authHeaders('officer') });
        expect(res.status).toBe(200);
        const reader = res.body!.getReader();
        const first = await reader.read();
        expect(first.done).toBe(false);
        // The first page is out and the rest not read yet: another transaction gets the store now. Were the
        // export one transaction, this one would wait for all of it (PGlite has one connection).
        await h.store.transaction((tx) => tx.settings.get('company'));
        let rest = '';
        const decoder = new TextDecoder();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
        // ... and the file was still being written after it: more pages came.
        expect(rest.trim().split('\r\n').length).toBeGreaterThan(1);
        expect(decoder.decode(first.value)).toMatch(/^(subject_id|at),/);
      });
    }
  });
}
