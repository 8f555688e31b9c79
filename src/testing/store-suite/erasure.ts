import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '@/api/contract/accounts';
import type { ErasurePlan } from '@/api/rules/erasure';
import type { SeedData } from '@/demo/seed-data';
import { ERASED_EMAIL, ERASED_NAME, erasureReplacements, tombstoneName } from '@/api/rules/erasure';
import type { Tx } from '@/api/store/store';
import {
  makeAccount,
  makeAudit,
  makeConsentEvent,
  makeDeletion,
  makeNotice,
  makeSubject,
  makeSupportAccess,
  makeUser,
} from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { storeFor, T } from './data';

const NOTICE = 'a'.repeat(64);

/**
 * The names and emails of the seed's completed deletions' accounts and people (lower-cased), which no store
 * may hold once the seed is loaded; a name a kept person or account shares is left out (it is theirs too).
 */
export function completedDeletionNeedles(seed: SeedData): { people: Subject[]; needles: string[] } {
  const completed = seed.deletions.filter((d) => d.status === 'completed');
  const erased = new Set(completed.filter((d) => !d.person).map((d) => d.accountId));
  // A person's erasure erases that person alone; their account and its other people stay.
  const erasedPeople = new Set(completed.flatMap((d) => (d.person ? [d.person.subjectId] : [])));
  const people = seed.subjects.filter((s) => (s.accountId !== null && erased.has(s.accountId)) || erasedPeople.has(s.id));
  const personIds = new Set(people.map((p) => p.id));
  const raw = [
    ...seed.accounts.filter((a) => erased.has(a.id)).map((a) => a.name),
    ...people.flatMap((p) => [p.name, p.email]),
    ...seed.consentEvents.filter((e) => personIds.has(e.subjectId)).map((e) => e.email),
    ...seed.supportAccess.filter((r) => erased.has(r.accountId)).map((r) => r.consent?.personName ?? null),
  ];
  const kept = [
    ...seed.accounts.filter((a) => !erased.has(a.id)).map((a) => a.name),
    ...seed.subjects.filter((s) => !personIds.has(s.id)).map((s) => s.name ?? ''),
  ].map((t) => t.toLowerCase());
  const needles = [...new Set(raw.filter((n): n is string => !!n && n.length >= 3).map((n) => n.toLowerCase()))].filter(
    (n) => !kept.some((k) => k.includes(n)),
  );
  return { people, needles };
}
/** Every name and email of the erased account, as the fixtures spell them. */
export const erasedTexts = [
  'Orchid Works',
  'Olive Marsh',
  'olive.marsh@orchid.example',
  'old.olive@orchid.example',
  'Oren Pike',
  'oren@orchid.example',
];

/** Two accounts: Orchid Works, whose data the erasure removes, and Keep Corp, which it must leave alone. */
export async function loadErasureFixtures(tx: Tx): Promise<void> {
  await tx.users.insert(makeUser({ id: 'usr_1', email: 'officer@demo.test', name: 'Officer', role: 'privacy_officer' }));
  await tx.notices.insert(makeNotice({ hash: NOTICE, purpose: 'marketing_emails' }));
  await tx.accounts.insert(makeAccount({ id: 'acc_er', name: 'Orchid Works', status: 'cancelled', cancelledAt: T(100) }));
  await tx.accounts.insert(makeAccount({ id: 'acc_keep', name: 'Keep Corp' }));
  const person = (id: string, accountId: string, name: string, email: string) =>
    makeSubject({ id, kind: 'person', accountId, name, email, accountRole: 'owner' });
  await tx.subjects.insert(person('sub_er1', 'acc_er', 'Olive Marsh', 'olive.marsh@orchid.example'));
  await tx.subjects.insert(person('sub_er2', 'acc_er', 'Oren Pike', 'oren@orchid.example'));
  await tx.subjects.insert(person('sub_keep', 'acc_keep', 'Kim Keeper', 'kim@keep.example'));
  const event = (
    id: string,
    subjectId: string,
    accountId: string,
    email: string,
    action: 'granted' | 'withdrawn',
    hours: number,
    note: string | null,
  ) =>
    makeConsentEvent({
      id,
      subjectId,
      accountId,
      email,
      action,
      purpose: 'marketing_emails',
      noticeHash: NOTICE,
      occurredAt: T(hours),
      recordedAt: T(hours),
      note,
    });
  // Olive granted under an older address, then withdrew: the withdrawal must still suppress her.
  await tx.consentEvents.insert(event('ce_er1', 'sub_er1', 'acc_er', 'old.olive@orchid.example', 'granted', 50, null));
  await tx.consentEvents.insert(
    event('ce_er2', 'sub_er1', 'acc_er', 'olive.marsh@orchid.example', 'withdrawn', 40, 'Olive Marsh phoned to withdraw'),
  );
  await tx.consentEvents.insert(event('ce_er3', 'sub_er2', 'acc_er', 'oren@orchid.example', 'granted', 30, 'Asked at OREN@orchid.example'));
  await tx.consentEvents.insert(event('ce_keep', 'sub_keep', 'acc_keep', 'kim@keep.example', 'granted', 30, 'Kim Keeper said yes'));
  await tx.consentReviews.insert({
    eventId: 'ce_er1',
    reasons: ['no_evidence'],
    reviewedAt: T(20),
    reviewedBy: { userId: 'usr_1', name: 'Officer' },
    note: 'Checked with Olive Marsh',
  });
  await tx.supportAccess.insert(
    makeSupportAccess({
      id: 'sar_er',
      status: 'ended',
      accountId: 'acc_er',
      accountName: 'Orchid Works',
      consent: {
        personId: 'sub_er2',
        personName: 'Oren Pike',
        givenAt: T(60),
        channel: 'consent_page',
        quote: 'Oren Pike',
        shownText: 'Olive Marsh asks for read-only access to Orchid Works for 24 hours.',
        shownTextHash: 'a'.repeat(64),
        ipHash: 'b'.repeat(64),
        userAgent: 'Mozilla/5.0',
        recordedBy: null,
        recordedAt: T(60),
        exceptionReason: null,
        confirmedBy: null,
        confirmedByName: null,
        confirmedAt: null,
      },
      timeline: [{ at: T(60), actorId: null, actorName: 'Oren Pike', action: 'Consented', note: 'Oren Pike for Orchid Works' }],
    }),
  );
  await tx.supportAccess.insert(makeSupportAccess({ id: 'sar_keep', status: 'ended', accountId: 'acc_keep', accountName: 'Keep Corp' }));
  await tx.deletions.insert(makeDeletion({ id: 'del_er', status: 'in_progress', accountId: 'acc_er', accountName: 'Orchid Works' }));
  await tx.audit.insert(
    makeAudit({
      id: 'aud_er',
      at: T(10),
      action: 'account.cancel',
      recordType: 'account',
      recordId: 'acc_er',
      summary: 'Recorded the cancellation of Orchid Works',
    }),
  );
  await tx.audit.insert(
    makeAudit({
      id: 'aud_er2',
      at: T(9),
      action: 'pii.reveal_email',
      recordType: 'subject',
      recordId: 'sub_er1',
      summary: 'Revealed the email address of Olive Marsh',
    }),
  );
  await tx.audit.insert(
    makeAudit({
      id: 'aud_keep',
      at: T(8),
      action: 'account.cancel',
      recordType: 'account',
      recordId: 'acc_keep',
      summary: 'Looked at Keep Corp',
    }),
  );
}

export const erasurePlan: ErasurePlan = {
  accountId: 'acc_er',
  tombstone: tombstoneName('acc_er'),
  subjects: [
    { id: 'sub_er1', emailHash: '1'.repeat(64) },
    { id: 'sub_er2', emailHash: '2'.repeat(64) },
  ],
  replacements: erasureReplacements({ id: 'acc_er', name: 'Orchid Works' }, [
    { name: 'Olive Marsh', emails: ['olive.marsh@orchid.example', 'old.olive@orchid.example'] },
    { name: 'Oren Pike', emails: ['oren@orchid.example'] },
  ]),
};

/** Everything the store answers about both accounts, as one text to search. */
async function everything(tx: Tx): Promise<string> {
  const parts: unknown[] = [
    await tx.accounts.list({ limit: 100 }),
    await tx.accounts.get('acc_er'),
    await tx.subjects.listByAccount('acc_er'),
    await tx.consentEvents.list({ limit: 100 }),
    await tx.consentEvents.listBySubject('sub_er1'),
    await tx.consentStates.list({ limit: 100 }),
    await tx.consentReviews.list({ limit: 100 }),
    await tx.supportAccess.list({ sort: 'newest', limit: 100 }),
    await tx.deletions.list({ limit: 100 }),
    await tx.audit.list({ limit: 100 }),
  ];
  return JSON.stringify(parts).toLowerCase();
}

/** The erasure of an account's personal data: the one rewrite of the ledger and the audit trail. */
export function erasureConformance(make: StoreMaker): void {
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => s.transaction(loadErasureFixtures));

  describe('erasure', () => {
    it('takes back nothing when its transaction fails', async () => {
      await expect(
        run(async (tx) => {
          await tx.erasure.eraseAccount(erasurePlan);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const text = await run(everything);
      expect(text).toContain('olive marsh');
      expect(text).toContain('orchid works');
    });

    it("erases the account's names and emails everywhere, keeping the ledger as a pseudonymous record", async () => {
      const before = await run(async (tx) => ({
        events: (await tx.consentEvents.list({ limit: 100 })).items,
        audit: (await tx.audit.list({ limit: 100 })).items,
        keep: await tx.subjects.get('sub_keep'),
        keepAccess: await tx.supportAccess.get('sar_keep'),
        keepEvent: await tx.consentEvents.get('ce_keep'),
      }));
      const counts = await run((tx) => tx.erasure.eraseAccount(erasurePlan));
      expect(counts).toMatchObject({
        accounts: 1,
        subjects: 2,
        consentEvents: 3,
        consentReviews: 1,
        supportAccess: 1,
        deletions: 1,
        audit: 2,
      });

      const text = await run(everything);
      for (const needle of erasedTexts) expect(text, needle).not.toContain(needle.toLowerCase());

      await run(async (tx) => {
        expect((await tx.accounts.get('acc_er'))?.name).toBe('Deleted account acc_er');
        expect((await tx.accounts.list({ q: 'orchid', limit: 10 })).items).toEqual([]);
        expect((await tx.accounts.list({ q: 'deleted account', limit: 10 })).items.map((a) => a.id)).toEqual(['acc_er']);
        const olive = await tx.subjects.get('sub_er1');
        expect(olive).toMatchObject({ name: null, email: null, emailHash: '1'.repeat(64), accountId: 'acc_er', kind: 'person' });
        expect(await tx.subjects.findByEmail('olive.marsh@orchid.example')).toEqual([]);
        expect((await tx.subjects.findByEmailHash('1'.repeat(64))).map((s) => s.id)).toEqual(['sub_er1']);
        expect(await tx.subjects.findByEmailHash('9'.repeat(64))).toEqual([]);

        // The ledger keeps every event, what it recorded and when: only who it was becomes a keyed hash.
        const events = (await tx.consentEvents.list({ limit: 100 })).items;
        expect(events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
        for (const e of events.filter((x) => x.accountId === 'acc_er')) {
          const was = before.events.find((x) => x.id === e.id);
          expect(e).toMatchObject({ email: null, action: was?.action, occurredAt: was?.occurredAt, purpose: was?.purpose });
          expect(e.emailHash).toBe(e.subjectId === 'sub_er1' ? '1'.repeat(64) : '2'.repeat(64));
        }
        expect((await tx.consentEvents.get('ce_er2'))?.note).toBe(`${ERASED_NAME} phoned to withdraw`);
        expect((await tx.consentEvents.get('ce_er3'))?.note).toBe(`Asked at ${ERASED_EMAIL}`);
        // The suppression list still says Olive withdrew.
        expect(await tx.consentStates.get('sub_er1', 'marketing_emails')).toMatchObject({
          event: { id: 'ce_er2', action: 'withdrawn', emailHash: '1'.repeat(64) },
        });

        const access = await tx.supportAccess.get('sar_er');
        expect(access?.accountName).toBe('Deleted account acc_er');
        expect(access?.consent).toMatchObject({ personId: 'sub_er2', personName: ERASED_NAME, quote: '[erased]' });
        expect((await tx.deletions.get('del_er'))?.accountName).toBe('Deleted account acc_er');
        expect((await tx.consentReviews.get('ce_er1'))?.note).toBe(`Checked with ${ERASED_NAME}`);

        // The audit trail keeps each event, its actor, action and record: only the names in its text go.
        const audit = (await tx.audit.list({ limit: 100 })).items;
        expect(audit.map((e) => [e.id, e.at, e.actorId, e.action, e.recordId])).toEqual(
          before.audit.map((e) => [e.id, e.at, e.actorId, e.action, e.recordId]),
        );
        expect(audit.find((e) => e.id === 'aud_er')?.summary).toBe('Recorded the cancellation of Deleted account acc_er');

        // Another account's data is not touched.
        expect(await tx.subjects.get('sub_keep')).toEqual(before.keep);
        expect(await tx.supportAccess.get('sar_keep')).toEqual(before.keepAccess);
        expect(await tx.consentEvents.get('ce_keep')).toEqual(before.keepEvent);
        expect(audit.find((e) => e.id === 'aud_keep')?.summary).toBe('Looked at Keep Corp');
      });
    });

    it('finds nothing left to change the second time', async () => {
      expect(await run((tx) => tx.erasure.eraseAccount(erasurePlan))).toEqual({});
    });
  });
}
