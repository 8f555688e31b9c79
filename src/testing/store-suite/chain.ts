import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import { verifyChain } from '@/api/services/ledger-chain';
import { GENESIS } from '@/api/store/chain';
import type { Store } from '@/api/store/store';
import { makeAudit } from '@/testing/fixtures';
import type { StoreMaker, Tamper } from './data';
import { fixtures, load, T } from './data';

/** A store of the kind under test with the fixtures loaded, and its tamper hook, for one describe block. */
function tamperable(make: StoreMaker) {
  let made: Awaited<ReturnType<StoreMaker>> | undefined;
  beforeAll(async () => {
    made = await make();
    await load(made.store, fixtures());
  });
  afterAll(async () => {
    await made?.cleanup();
  });
  return {
    store: (): Store => {
      if (!made) throw new Error('The store is made in beforeAll');
      return made.store;
    },
    tamper: ((...args) => {
      if (!made?.tamper) throw new Error('This store maker has no tamper hook: the hash-chain tests need one');
      return made.tamper(...args);
    }) as Tamper,
  };
}

/**
 * The hash chains over the audit trail and the consent ledger (api/store/chain, issue 17 finding 12): every
 * event a transaction writes is linked when it commits, and a change made behind the store's back (the
 * trigger disabled, memory mutated) is found by the check, which names the first changed event.
 */
export function chainConformance(make: StoreMaker): void {
  const data = fixtures();

  describe('locks', () => {
    const { store } = tamperable(make);

    it('make a second transaction taking the same key wait until the first ends', async () => {
      const order: string[] = [];
      let open = (): void => undefined;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const first = store().transaction(async (tx) => {
        await tx.locks.take('budget:usr_1');
        order.push('first holds');
        await gate;
        order.push('first ends');
      });
      while (!order.includes('first holds')) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = store().transaction(async (tx) => {
        await tx.locks.take('budget:usr_1');
        order.push('second holds');
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      open();
      await Promise.all([first, second]);
      expect(order).toEqual(['first holds', 'first ends', 'second holds']);
    });
  });

  describe('hash chains', () => {
    describe('linking', () => {
      const { store } = tamperable(make);

      it('links every event written, in commit order, and a check finds both chains intact', async () => {
        const heads = await store().transaction(async (tx) => [await tx.chain.head('audit'), await tx.chain.head('consent')]);
        expect(heads.map((h) => h.seq)).toEqual([data.audit.length, data.consentEvents.length]);
        const links = await store().transaction((tx) => tx.chain.links('audit', 0, 1000));
        expect(links.map((l) => l.link.eventId)).toEqual(data.audit.map((e) => e.id));
        expect(links[0]?.link.prevHash).toBe(GENESIS);
        expect(links.at(-1)?.link.hash).toBe(heads[0]?.hash);
        for (const chain of ['audit', 'consent'] as const) {
          const report = await verifyChain(store(), chain);
          expect(report, chain).toMatchObject({ intact: true, firstBroken: null });
          expect(report.checked).toBe(chain === 'audit' ? data.audit.length : data.consentEvents.length);
        }
      });

      it('links nothing for a transaction that rolls back', async () => {
        const before = await store().transaction((tx) => tx.chain.head('audit'));
        await expect(
          store().transaction(async (tx) => {
            await tx.audit.insert(makeAudit({ id: 'aud_rolled_back', at: T(1) }));
            throw new Error('no');
          }),
        ).rejects.toThrow('no');
        expect(await store().transaction((tx) => tx.chain.head('audit'))).toEqual(before);
        expect((await verifyChain(store(), 'audit')).intact).toBe(true);
      });

      it('chains concurrent writers in one line, each event once', async () => {
        const before = await store().transaction((tx) => tx.chain.head('audit'));
        await Promise.all(
          Array.from({ length: 8 }, (_, w) =>
            (async () => {
              for (let i = 0; i < 5; i++) {
                await store().transaction(async (tx) => {
                  await tx.audit.insert(makeAudit({ id: `aud_w${w}_${i}_a`, at: T(0) }));
                  await tx.audit.insert(makeAudit({ id: `aud_w${w}_${i}_b`, at: T(0) }));
                });
              }
            })(),
          ),
        );
        const after = await store().transaction((tx) => tx.chain.head('audit'));
        expect(after.seq).toBe(before.seq + 80);
        const report = await verifyChain(store(), 'audit');
        expect(report).toMatchObject({ intact: true, checked: after.seq });
      });

      it('anchors a head, and lists anchors newest first', async () => {
        const head = await store().transaction((tx) => tx.chain.head('consent'));
        await store().transaction((tx) => tx.chain.anchor({ chain: 'consent', seq: head.seq, hash: head.hash, anchoredAt: T(2) }));
        await store().transaction((tx) => tx.chain.anchor({ chain: 'consent', seq: head.seq, hash: head.hash, anchoredAt: T(1) }));
        const anchors = await store().transaction((tx) => tx.chain.anchors('consent', 10));
        expect(anchors.map((a) => a.anchoredAt)).toEqual([T(1), T(2)]);
        expect((await verifyChain(store(), 'consent')).lastAnchor).toMatchObject({ seq: head.seq, anchoredAt: T(1) });
      });
    });

    describe('an audit event edited in the database', () => {
      const { store, tamper } = tamperable(make);
      const first = data.audit[3]!;
      const later = data.audit[7]!;

      it('is named by the check, the first one in chain order when several were edited', async () => {
        await tamper('audit', later.id, (e) => ({ ...e, summary: 'Nothing happened here' }));
        expect((await verifyChain(store(), 'audit')).firstBroken).toMatchObject({ eventId: later.id, problem: 'altered', seq: 8 });
        await tamper('audit', first.id, (e) => ({ ...e, actorName: 'Someone else' }));
        const report = await verifyChain(store(), 'audit');
        expect(report).toMatchObject({ intact: false, checked: 3, firstBroken: { eventId: first.id, problem: 'altered', seq: 4 } });
        // The other chain is not concerned.
        expect((await verifyChain(store(), 'consent')).intact).toBe(true);
      });
    });

    describe('an audit event removed, or added around the store', () => {
      const { store, tamper } = tamperable(make);

      it('names the removed event as missing', async () => {
        const gone = data.audit[5]!;
        await tamper('audit', gone.id, () => null);
        expect((await verifyChain(store(), 'audit')).firstBroken).toMatchObject({ eventId: gone.id, problem: 'missing' });
      });
    });

    describe('a consent event edited in the database', () => {
      const { store, tamper } = tamperable(make);
      const withEmail: ConsentEvent[] = Array.from({ length: 5 }, (_, i) => ({
        ...data.consentEvents[i]!,
        id: `ce_mail_${i}`,
        email: `Person.${i}@Example.com`,
      }));
      const [redacted, , readdressed, , withdrawnInstead] = withEmail as [
        ConsentEvent,
        ConsentEvent,
        ConsentEvent,
        ConsentEvent,
        ConsentEvent,
      ];
      beforeAll(async () => {
        await store().transaction(async (tx) => {
          for (const e of withEmail) await tx.consentEvents.insert(e);
        });
      });

      it('keeps the chain when only the email was cleared (a documented redaction), and counts it', async () => {
        await tamper('consent', redacted.id, (e) => ({ ...e, email: null }));
        expect(await verifyChain(store(), 'consent')).toMatchObject({ intact: true, redacted: 1 });
      });

      it('names an event whose email, or any other field, was changed', async () => {
        await tamper('consent', withdrawnInstead.id, (e) => ({
          ...e,
          action: (e as ConsentEvent).action === 'granted' ? 'withdrawn' : 'granted',
        }));
        expect((await verifyChain(store(), 'consent')).firstBroken).toMatchObject({ eventId: withdrawnInstead.id, problem: 'altered' });
        await tamper('consent', readdressed.id, (e) => ({ ...e, email: 'someone.else@example.com' }));
        expect((await verifyChain(store(), 'consent')).firstBroken).toMatchObject({ eventId: readdressed.id, problem: 'altered' });
      });
    });
  });
}
