import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, VersionConflictError } from '@/api/store/errors';
import type { ConnectorCredentialsRecord } from '@/api/store/schemas';
import type { StoreMaker } from './data';
import { fixtures, ids, load, sortBy, storeFor, T } from './data';

/** The processor registry, the consent notices, and settings. */
export function registryConformance(make: StoreMaker): void {
  const data = fixtures();
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  describe('processors and notices', () => {
    it('lists processors by name then id, and gets one', async () => {
      expect(ids(await run((tx) => tx.processors.list()))).toEqual(ids(sortBy(data.processors, (p) => [p.name, p.id])));
      expect(await run((tx) => tx.processors.get('prc_3'))).toEqual(data.processors[2]);
      expect(await run((tx) => tx.processors.get('prc_nope'))).toBeNull();
    });

    it('gets a notice by its hash, and the newest notice of each purpose', async () => {
      expect(await run((tx) => tx.notices.get('d'.repeat(64)))).toEqual(data.notices[1]);
      expect(await run((tx) => tx.notices.get('f'.repeat(64)))).toBeNull();
      const latest = await run((tx) => tx.notices.latest());
      expect(sortBy(latest, (n) => [n.purpose])).toEqual([data.notices[2], data.notices[1]]);
      // Two published at the same instant: the greater hash is the newer, on every store.
      await run((tx) => tx.notices.insert({ ...data.notices[2]!, hash: 'f'.repeat(64), version: 'v2' }));
      await run((tx) => tx.notices.insert({ ...data.notices[2]!, hash: '0'.repeat(64), version: 'v0' }));
      expect((await run((tx) => tx.notices.latest())).find((n) => n.purpose === 'analytics_cookies')?.hash).toBe('f'.repeat(64));
    });
  });

  describe('connector credentials', () => {
    const sealed = (processorId: string, vendor: ConnectorCredentialsRecord['vendor'], n: number): ConnectorCredentialsRecord => ({
      processorId,
      vendor,
      sealed: `iv${n}.ciphertext${n}`,
      updatedAt: T(n),
    });

    it('answers null for a processor without, then the record put, replaced by the next put', async () => {
      expect(await run((tx) => tx.connectorCredentials.get('prc_1'))).toBeNull();
      await run((tx) => tx.connectorCredentials.put(sealed('prc_1', 'stripe', 1)));
      expect(await run((tx) => tx.connectorCredentials.get('prc_1'))).toEqual(sealed('prc_1', 'stripe', 1));
      await run((tx) => tx.connectorCredentials.put(sealed('prc_1', 'zoom', 2)));
      expect(await run((tx) => tx.connectorCredentials.get('prc_1'))).toEqual(sealed('prc_1', 'zoom', 2));
      expect(await run((tx) => tx.connectorCredentials.get('prc_2'))).toBeNull();
    });

    it('deletes a processor’s record, answering whether there was one', async () => {
      await run((tx) => tx.connectorCredentials.put(sealed('prc_2', 'crisp', 3)));
      expect(await run((tx) => tx.connectorCredentials.delete('prc_2'))).toBe(true);
      expect(await run((tx) => tx.connectorCredentials.get('prc_2'))).toBeNull();
      expect(await run((tx) => tx.connectorCredentials.delete('prc_2'))).toBe(false);
    });

    it('refuses credentials of a processor that does not exist, and keeps none of a transaction that fails', async () => {
      await expect(run((tx) => tx.connectorCredentials.put(sealed('prc_nope', 'stripe', 4)))).rejects.toBeInstanceOf(NotFoundError);
      expect(await run((tx) => tx.connectorCredentials.get('prc_nope'))).toBeNull();
      await expect(
        run(async (tx) => {
          await tx.connectorCredentials.put(sealed('prc_3', 'mailchimp', 5));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await run((tx) => tx.connectorCredentials.get('prc_3'))).toBeNull();
    });

    it('answers copies: changing what was read changes nothing stored', async () => {
      await run((tx) => tx.connectorCredentials.put(sealed('prc_4', 'helpscout', 6)));
      const read = await run((tx) => tx.connectorCredentials.get('prc_4'));
      if (read) read.sealed = 'tampered';
      expect((await run((tx) => tx.connectorCredentials.get('prc_4')))?.sealed).toBe('iv6.ciphertext6');
    });
  });

  describe('settings', () => {
    it('answers null for a key never written, then each value written with its version', async () => {
      expect(await run((tx) => tx.settings.get('company'))).toBeNull();
      await run((tx) => tx.settings.put('company', { days: 15 }, 0));
      expect(await run((tx) => tx.settings.get('company'))).toEqual({ value: { days: 15 }, version: 1 });
      await run((tx) => tx.settings.put('company', { list: [1, 'two'], flag: true, at: T(0) }, 1));
      expect(await run((tx) => tx.settings.get('company'))).toEqual({ value: { list: [1, 'two'], flag: true, at: T(0) }, version: 2 });
      await run((tx) => tx.settings.put('plain', 'text', 0));
      expect(await run((tx) => tx.settings.get('plain'))).toEqual({ value: 'text', version: 1 });
    });

    it('refuses a write on a version that is not the stored one, keeping the stored value', async () => {
      await run((tx) => tx.settings.put('guarded', 1, 0));
      await expect(run((tx) => tx.settings.put('guarded', 2, 0))).rejects.toBeInstanceOf(VersionConflictError);
      await expect(run((tx) => tx.settings.put('guarded', 2, 5))).rejects.toBeInstanceOf(VersionConflictError);
      await expect(run((tx) => tx.settings.put('never', 2, 1))).rejects.toBeInstanceOf(VersionConflictError);
      expect(await run((tx) => tx.settings.get('guarded'))).toEqual({ value: 1, version: 1 });
      expect(await run((tx) => tx.settings.get('never'))).toBeNull();
    });
  });
}
