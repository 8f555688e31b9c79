import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UniqueRule } from '@/api/store/errors';
import { NotFoundError, UniqueViolationError } from '@/api/store/errors';
import type { Tx } from '@/api/store/store';
import { makeConsentEvent, makeDeletion, makeProcessor, makeSession, makeSupportAccess, makeUser } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { fixtureAccount, fixtureAudit, fixtures, load, nth, storeFor, T } from './data';

/**
 * The rules a store keeps whatever runs it, with the same typed refusals: keys and the uniqueness rules
 * (api/store/errors uniqueRules), references to records that must exist. Each rule also holds for two
 * transactions racing: exactly one of them lands.
 */
export function ruleConformance(make: StoreMaker): void {
  const data = fixtures();
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  /** Runs `write` twice at once; answers how many landed, and checks the other was refused by `rule`. */
  async function race(rule: UniqueRule, write: (n: number) => (tx: Tx) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled([run(write(1)), run(write(2))]);
    expect(
      results.filter((r) => r.status === 'fulfilled'),
      rule,
    ).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason, rule).toBeInstanceOf(UniqueViolationError);
    expect(refused?.status === 'rejected' && refused.reason, rule).toMatchObject({ rule, status: 409 });
  }

  const refusedBy = (rule: UniqueRule) => expect.objectContaining({ name: 'UniqueViolationError', rule, code: 'conflict', status: 409 });

  describe('keys', () => {
    it('refuses a second record with the same key, and keeps nothing of that transaction', async () => {
      await expect(
        run(async (tx) => {
          await tx.accounts.insert(fixtureAccount(102, 'Before The Duplicate'));
          await tx.accounts.insert(fixtureAccount(1, 'Duplicate'));
        }),
      ).rejects.toEqual(refusedBy('key'));
      expect(await run((tx) => tx.accounts.get('acc_102'))).toBeNull();
      expect((await run((tx) => tx.accounts.get('acc_01')))?.name).not.toBe('Duplicate');
      await expect(run((tx) => tx.consentEvents.insert({ ...nth(data.consentEvents, 0) }))).rejects.toEqual(refusedBy('key'));
      await expect(run((tx) => tx.audit.insert(fixtureAudit(nth(data.audit, 0).id, T(0), 1)))).rejects.toEqual(refusedBy('key'));
      await expect(
        run((tx) => tx.sessions.insert(makeSession({ tokenHash: 'session_1', userId: 'usr_2', createdAt: T(0), expiresAt: T(-1) }))),
      ).rejects.toEqual(refusedBy('key'));
      await expect(run((tx) => tx.notices.insert({ ...nth(data.notices, 0) }))).rejects.toEqual(refusedBy('key'));
    });

    it('lets one of two concurrent inserts of one key land', async () => {
      await race('key', (n) => (tx) => tx.accounts.insert(fixtureAccount(150, `Race ${n}`)));
    });
  });

  describe('uniqueness rules', () => {
    it('a user’s email, whatever its case', async () => {
      await expect(run((tx) => tx.users.insert(makeUser({ id: 'usr_dup', email: 'OFFICER@demo.test' })))).rejects.toEqual(
        refusedBy('user_email'),
      );
      expect(await run((tx) => tx.users.get('usr_dup'))).toBeNull();
      await race(
        'user_email',
        (n) => (tx) => tx.users.insert(makeUser({ id: `usr_race_${n}`, email: n === 1 ? 'race@demo.test' : 'Race@Demo.test' })),
      );
    });

    it('one open (pending or active) support-access request per agent and account', async () => {
      const ask = (id: string, over: Parameters<typeof makeSupportAccess>[0] = {}) =>
        makeSupportAccess({ id, accountId: 'acc_05', accountName: 'Zeta', requesterId: 'usr_2', ...over });
      await expect(run((tx) => tx.supportAccess.insert(ask('sar_second')))).rejects.toEqual(refusedBy('open_support_access'));
      // Closed requests, another agent's, another account's: all allowed.
      await run(async (tx) => {
        await tx.supportAccess.insert(ask('sar_old', { status: 'denied' }));
        await tx.supportAccess.insert(ask('sar_other_agent', { requesterId: 'usr_3' }));
        await tx.supportAccess.insert(ask('sar_other_account', { accountId: 'acc_08', accountName: 'Delta' }));
      });
      // Reopening a closed one while another is open breaks the rule too.
      const old = await run((tx) => tx.supportAccess.get('sar_old'));
      if (!old) throw new Error('not stored');
      await expect(run((tx) => tx.supportAccess.update({ ...old, version: 2, status: 'pending' }, 1))).rejects.toEqual(
        refusedBy('open_support_access'),
      );
      // Once the open one ends, a new one may open.
      const open = await run((tx) => tx.supportAccess.get('sar_open'));
      if (!open) throw new Error('fixture missing');
      await run((tx) => tx.supportAccess.update({ ...open, version: open.version + 1, status: 'ended' }, open.version));
      await run((tx) => tx.supportAccess.update({ ...old, version: 2, status: 'pending' }, 1));
      await race(
        'open_support_access',
        (n) => (tx) => tx.supportAccess.insert(ask(`sar_race_${n}`, { accountId: 'acc_11', accountName: 'Gamma' })),
      );
    });

    it('one open (not completed, not rejected) deletion request per account', async () => {
      const request = (id: string, over: Parameters<typeof makeDeletion>[0] = {}) =>
        makeDeletion({ id, accountId: 'acc_14', accountName: 'alpha', ...over });
      await run((tx) => tx.deletions.insert(request('del_first')));
      await expect(run((tx) => tx.deletions.insert(request('del_second', { status: 'approved' })))).rejects.toEqual(
        refusedBy('open_deletion'),
      );
      await run(async (tx) => {
        await tx.deletions.insert(request('del_done', { status: 'completed' }));
        await tx.deletions.insert(request('del_no', { status: 'rejected' }));
      });
      const done = await run((tx) => tx.deletions.get('del_done'));
      if (!done) throw new Error('not stored');
      await expect(run((tx) => tx.deletions.update({ ...done, version: 2, status: 'in_progress' }, 1))).rejects.toEqual(
        refusedBy('open_deletion'),
      );
      await race(
        'open_deletion',
        (n) => (tx) => tx.deletions.insert(request(`del_race_${n}`, { accountId: 'acc_15', accountName: 'Alpha' })),
      );
    });

    it('a processor’s name, whatever its case, among the processors not retired', async () => {
      await expect(run((tx) => tx.processors.insert(makeProcessor({ id: 'prc_dup', name: 'STRIPE' })))).rejects.toEqual(
        refusedBy('processor_name'),
      );
      // "crisp" is retired, but "Crisp" is not: the name is taken.
      await expect(run((tx) => tx.processors.insert(makeProcessor({ id: 'prc_crisp', name: 'CRISP' })))).rejects.toEqual(
        refusedBy('processor_name'),
      );
      await run((tx) => tx.processors.insert(makeProcessor({ id: 'prc_old_zoom', name: 'zoom', status: 'retired' })));
      const zoom = await run((tx) => tx.processors.get('prc_4'));
      if (!zoom) throw new Error('fixture missing');
      const help = await run((tx) => tx.processors.get('prc_3'));
      if (!help) throw new Error('fixture missing');
      await expect(run((tx) => tx.processors.update({ ...help, version: 2, name: 'ZOOM' }, 1))).rejects.toEqual(
        refusedBy('processor_name'),
      );
      await run((tx) => tx.processors.update({ ...zoom, version: 2, status: 'retired' }, 1));
      await run((tx) => tx.processors.update({ ...help, version: 2, name: 'ZOOM' }, 1));
      await race(
        'processor_name',
        (n) => (tx) => tx.processors.insert(makeProcessor({ id: `prc_race_${n}`, name: n === 1 ? 'Racer' : 'RACER' })),
      );
    });
  });

  describe('references', () => {
    it('refuses a record that refers to one that does not exist, with NotFoundError (404)', async () => {
      const missing = expect.objectContaining({ name: 'NotFoundError', code: 'not_found', status: 404 });
      await expect(
        run((tx) => tx.sessions.insert(makeSession({ tokenHash: 'ghost', userId: 'usr_ghost', createdAt: T(0), expiresAt: T(0) }))),
      ).rejects.toEqual(missing);
      await expect(
        run((tx) => tx.consentEvents.insert(makeConsentEvent({ id: 'ce_orphan', subjectId: 'sub_ghost', accountId: null }))),
      ).rejects.toEqual(missing);
      await expect(
        run((tx) => tx.supportAccess.insert(makeSupportAccess({ id: 'sar_orphan', accountId: 'acc_ghost' }))),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(run((tx) => tx.deletions.insert(makeDeletion({ id: 'del_orphan', accountId: 'acc_ghost' })))).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await run((tx) => tx.consentEvents.get('ce_orphan'))).toBeNull();
    });
  });
}
