import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, VersionConflictError } from '@/api/store/errors';
import { accountRule } from '@/api/rules/sign-in';
import { makeSession, makeUser } from '@/testing/fixtures';
import type { StoreMaker } from './data';

const secondsAfter = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();
import { fixtureAccount, fixtureAudit, fixtureEvent, fixtures, ids, load, nth, storeFor, T, taskTemplate } from './data';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Transactions (all or nothing, their own writes seen), copies in and out, versioned updates and concurrent writers. */
export function transactionConformance(make: StoreMaker): void {
  const data = fixtures();
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  describe('transactions', () => {
    it('answers the work’s result, and lets a transaction read its own writes', async () => {
      const account = fixtureAccount(100, 'Own Writes Ltd');
      const seen = await run(async (tx) => {
        await tx.accounts.insert(account);
        return (await tx.accounts.list({ limit: 10, q: 'own writes' })).items;
      });
      expect(ids(seen)).toEqual([account.id]);
      expect(await run((tx) => tx.accounts.get(account.id))).toEqual(account);
    });

    it('undoes every write of a transaction that throws, and the error comes through', async () => {
      const before = await run((tx) => tx.deletions.get('del_01'));
      if (!before) throw new Error('fixture missing');
      const failure = new Error('boom');
      await expect(
        run(async (tx) => {
          await tx.accounts.insert(fixtureAccount(101, 'Rolled Back Ltd'));
          await tx.subjects.insert({ id: 'sub_rolled', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null });
          await tx.consentEvents.insert(fixtureEvent('ce_rolled', 'sub_01', '2027-01-01T00:00:00.000Z', 0));
          await tx.audit.insert(fixtureAudit('aud_rolled', '2027-01-01T00:00:00.000Z', 0));
          await tx.sessions.insert(makeSession({ tokenHash: 'rolled', userId: 'usr_1', createdAt: T(0), expiresAt: T(-5) }));
          await tx.sessions.delete('session_1');
          await tx.signInThrottle.claim('account:x@y.test', accountRule, T(0));
          await tx.settings.put('rolled', { a: 1 }, 0);
          await tx.deletions.update({ ...before, version: 2, status: 'rejected' }, 1);
          expect((await tx.deletions.get('del_01'))?.status).toBe('rejected');
          expect((await tx.consentStates.get('sub_01', 'marketing_emails'))?.event.id).toBe('ce_rolled');
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await run((tx) => tx.accounts.get('acc_101'))).toBeNull();
      expect(await run((tx) => tx.subjects.get('sub_rolled'))).toBeNull();
      expect(await run((tx) => tx.consentEvents.get('ce_rolled'))).toBeNull();
      expect(ids((await run((tx) => tx.consentEvents.list({ limit: 5 }))).items)).not.toContain('ce_rolled');
      expect((await run((tx) => tx.consentStates.get('sub_01', 'marketing_emails')))?.event.id).not.toBe('ce_rolled');
      expect(ids((await run((tx) => tx.audit.list({ limit: 5 }))).items)).not.toContain('aud_rolled');
      expect(await run((tx) => tx.sessions.get('rolled'))).toBeNull();
      expect(await run((tx) => tx.sessions.get('session_1'))).not.toBeNull();
      expect(await run((tx) => tx.signInThrottle.get('account:x@y.test'))).toBeNull();
      expect(await run((tx) => tx.settings.get('rolled'))).toBeNull();
      expect(await run((tx) => tx.deletions.get('del_01'))).toEqual(before);
    });

    it('puts new records where lists and look-ups find them', async () => {
      const event = fixtureEvent('ce_new', 'sub_04', '2027-01-01T00:00:00.000Z', 3);
      const auditEvent = fixtureAudit('aud_new', '2027-01-01T00:00:00.000Z', 1);
      const user = makeUser({ id: 'usr_new', email: 'new.person@demo.test', name: 'New Person', role: 'auditor' });
      await run(async (tx) => {
        await tx.consentEvents.insert(event);
        await tx.audit.insert(auditEvent);
        await tx.users.insert(user);
      });
      expect((await run((tx) => tx.consentEvents.list({ limit: 1 }))).items).toEqual([event]);
      expect((await run((tx) => tx.consentEvents.list({ limit: 1 }))).total).toBe(data.consentEvents.length + 1);
      expect((await run((tx) => tx.consentEvents.listBySubject('sub_04'))).at(-1)).toEqual(event);
      expect((await run((tx) => tx.consentStates.get('sub_04', event.purpose)))?.event).toEqual(event);
      expect((await run((tx) => tx.audit.list({ limit: 1 }))).items).toEqual([auditEvent]);
      expect(await run((tx) => tx.users.getByEmail('NEW.person@demo.test'))).toEqual(user);
    });

    it('hands out copies: changing what it returned or was given changes nothing stored', async () => {
      const account = fixtureAccount(103, 'Copy Ltd');
      await run((tx) => tx.accounts.insert(account));
      account.name = 'Changed after insert';
      const got = await run((tx) => tx.accounts.get('acc_103'));
      expect(got?.name).toBe('Copy Ltd');
      if (got) got.name = 'Changed after get';
      expect((await run((tx) => tx.accounts.list({ limit: 50, q: 'acc_103' }))).items[0]?.name).toBe('Copy Ltd');
      const d = await run((tx) => tx.deletions.get('del_04'));
      d?.tasks.push({ ...taskTemplate, id: 'task_injected' });
      expect((await run((tx) => tx.deletions.get('del_04')))?.tasks.map((t) => t.id)).not.toContain('task_injected');
    });
  });

  describe('versioned updates', () => {
    it('update only from the stored version: VersionConflictError otherwise, NotFoundError for no record', async () => {
      const current = await run((tx) => tx.processors.get('prc_1'));
      if (!current) throw new Error('fixture missing');
      const next = { ...current, version: current.version + 1 };
      await expect(run((tx) => tx.processors.update({ ...next, owner: 'Stale' }, current.version + 5))).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect((await run((tx) => tx.processors.get('prc_1')))?.owner).toBe(current.owner);
      await run((tx) => tx.processors.update({ ...next, owner: 'Fresh' }, current.version));
      expect(await run((tx) => tx.processors.get('prc_1'))).toMatchObject({ owner: 'Fresh', version: current.version + 1 });
      await expect(run((tx) => tx.processors.update({ ...next, owner: 'Late' }, current.version))).rejects.toMatchObject({ status: 412 });
      await expect(run((tx) => tx.processors.update({ ...next, id: 'prc_missing' }, current.version))).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await run((tx) => tx.processors.get('prc_missing'))).toBeNull();
      const r = nth(data.access, 2);
      await expect(run((tx) => tx.supportAccess.update({ ...r, version: 9 }, 8))).rejects.toBeInstanceOf(VersionConflictError);
      await expect(run((tx) => tx.deletions.update({ ...nth(data.deletions, 2), id: 'del_missing' }, 1))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('keeps updated rows in their lists, in their new place, with the columns they filter on', async () => {
      const d = await run((tx) => tx.deletions.get('del_03'));
      if (!d) throw new Error('fixture missing');
      const held = {
        ...d,
        version: d.version + 1,
        dueAt: '2020-01-01T00:00:00.000Z',
        status: 'completed' as const,
        holds: [...nth(data.deletions, 4).holds],
      };
      await run((tx) => tx.deletions.update(held, d.version));
      expect((await run((tx) => tx.deletions.list({ limit: 1, status: ['completed'] }))).items[0]?.id).toBe('del_03');
      expect(ids((await run((tx) => tx.deletions.list({ limit: 200, held: true }))).items)).toContain('del_03');
      const r = await run((tx) => tx.supportAccess.get('sar_05'));
      if (!r) throw new Error('fixture missing');
      await run((tx) =>
        tx.supportAccess.update({ ...r, version: r.version + 1, status: 'ended', grantEndsAt: '2020-01-01T00:00:00.000Z' }, r.version),
      );
      expect((await run((tx) => tx.supportAccess.list({ limit: 1, sort: 'ending' }))).items[0]?.id).toBe('sar_05');
      expect(ids((await run((tx) => tx.supportAccess.list({ limit: 200, sort: 'newest', status: ['ended'] }))).items)).toContain('sar_05');
    });
  });

  describe('concurrent writers', () => {
    it('lets exactly one of several concurrent writers holding the same version win', async () => {
      for (const id of ['sar_03', 'sar_04']) {
        const r = await run((tx) => tx.supportAccess.get(id));
        if (!r) throw new Error('fixture missing');
        const attempt = (reason: string) =>
          run((tx) => tx.supportAccess.update({ ...r, version: r.version + 1, endReason: reason }, r.version)).then(
            () => reason,
            (error: unknown) => {
              if (error instanceof VersionConflictError) return null;
              throw error;
            },
          );
        const results = await Promise.all([attempt('first'), attempt('second')]);
        const won = results.filter((x) => x !== null);
        expect(won).toHaveLength(1);
        expect(await run((tx) => tx.supportAccess.get(id))).toMatchObject({ version: r.version + 1, endReason: won[0] });
      }
      const d = await run((tx) => tx.deletions.get('del_02'));
      if (!d) throw new Error('fixture missing');
      const results = await Promise.allSettled(
        [1, 2, 3].map((n) => run((tx) => tx.deletions.update({ ...d, version: d.version + 1, rejectionReason: `r${n}` }, d.version))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof VersionConflictError)).toHaveLength(2);
    });

    it('makes the second writer wait for the first and then find the version gone', async () => {
      const d = await run((tx) => tx.deletions.get('del_06'));
      if (!d) throw new Error('fixture missing');
      let firstWrote!: () => void;
      const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
      const first = run(async (tx) => {
        await tx.deletions.update({ ...d, version: d.version + 1, approvedBy: 'first' }, d.version);
        firstWrote();
        // Hold the row (and the transaction) open while the second writer tries.
        await pause(300);
      });
      await wrote;
      const second = run((tx) => tx.deletions.update({ ...d, version: d.version + 1, approvedBy: 'second' }, d.version));
      await expect(second).rejects.toBeInstanceOf(VersionConflictError);
      await first;
      expect((await run((tx) => tx.deletions.get('del_06')))?.approvedBy).toBe('first');
    });

    it('takes one of two first writes of a setting (both on version 0), and makes a reader wait for a writer', async () => {
      const write = (value: string) => run((tx) => tx.settings.put('company', value, 0));
      const results = await Promise.allSettled([write('a'), write('b')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof VersionConflictError)).toHaveLength(1);
      expect((await run((tx) => tx.settings.get('company')))?.version).toBe(1);

      let firstRead!: () => void;
      const read = new Promise<void>((resolve) => (firstRead = resolve));
      const writer = run(async (tx) => {
        const current = await tx.settings.get('company');
        firstRead();
        await pause(300);
        await tx.settings.put('company', 'c', current?.version ?? 0);
      });
      await read;
      const seenBySecond = await run((tx) => tx.settings.get('company'));
      await writer;
      expect(seenBySecond).toEqual({ value: 'c', version: 2 });
    });

    it('counts concurrent sign-in attempts on one counter one by one: exactly the threshold go ahead', async () => {
      const key = 'account:pat@example.test from unknown addresses';
      const claims = await Promise.all(Array.from({ length: 12 }, () => run((tx) => tx.signInThrottle.claim(key, accountRule, T(0)))));
      const allowed = claims.filter((c) => c.allowed);
      expect(allowed.map((c) => (c.allowed ? c.failures : 0)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      expect(claims.filter((c) => !c.allowed).every((c) => !c.allowed && c.retryAt === secondsAfter(T(0), 15))).toBe(true);
      expect(await run((tx) => tx.signInThrottle.get(key))).toEqual({
        key,
        failures: 5,
        blockedUntil: secondsAfter(T(0), 15),
        updatedAt: T(0),
      });
    });
  });
}
