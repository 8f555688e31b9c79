import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '@/api/contract/accounts';
import { personMatch } from '@/api/rules/person-search';
import { encodeCursor } from '@/api/store/cursor';
import { makeAccount, makeSubject } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { collect, ids, storeFor } from './data';

const person = (id: string, name: string | null, email: string | null): Subject =>
  makeSubject({ id, accountId: 'acc_ps', name, email, accountRole: 'member' });

/** People whose names and addresses try the folding, the three kinds of match, and LIKE's wildcards. */
const people: Subject[] = [
  person('ps_01', 'Ana Kovač', 'Ana.Kovac@Example.COM'),
  person('ps_02', 'Ivana Petrović', 'ivana@example.com'),
  person('ps_03', 'Ana Lima', 'ana@examplecorp.com'),
  person('ps_04', 'Anne-Marie Lefèvre', 'am@lefevre.fr'),
  person('ps_05', 'Marie Curie', 'mcurie@sorbonne.example.fr'),
  person('ps_06', 'ZOË ĐURIĆ', 'zoe.duric@beograd.rs'),
  person('ps_07', 'Percent Person', 'pct%_x@wild.test'),
  person('ps_08', 'Plain Person', 'pctab@wild.test'),
  person('ps_09', null, null),
  makeSubject({ id: 'ps_10', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null }),
];

/** Finding a person: the start of an address, a domain, or the start of words of a name (api/rules/person-search). */
export function personSearchConformance(make: StoreMaker): void {
  const { run } = storeFor(make, { beforeAll, afterAll }, async (store) => {
    await store.transaction(async (tx) => {
      await tx.accounts.insert(makeAccount({ id: 'acc_ps', name: 'Person search' }));
      for (const p of people) await tx.subjects.insert(p);
    });
  });

  const found = async (text: string, limit = 50): Promise<string[]> => {
    const match = personMatch(text);
    if (match === null) throw new Error(`"${text}" is too short to search`);
    return ids(await collect((cursor) => run((tx) => tx.subjects.search({ match, cursor, limit })), limit));
  };

  describe('person search', () => {
    it('finds the start of an address in any case, and words of a name, not the middle of a word', async () => {
      expect(await found('ana')).toEqual(['ps_01', 'ps_03']);
      expect(await found('ANA.KOVAC@EX')).toEqual(['ps_01']);
      expect(await found('ana@')).toEqual(['ps_03']);
      expect(await found('ivana')).toEqual(['ps_02']);
      expect(await found('vana')).toEqual([]);
    });

    it('finds a domain by its start after the @', async () => {
      expect(await found('@example')).toEqual(['ps_01', 'ps_02', 'ps_03']);
      expect(await found('@example.com')).toEqual(['ps_01', 'ps_02']);
      expect(await found(' @EXAMPLE.COM ')).toEqual(['ps_01', 'ps_02']);
      expect(await found('@examplecorp')).toEqual(['ps_03']);
      expect(await found('@Sorbonne')).toEqual(['ps_05']);
      expect(await found('@ample')).toEqual([]);
    });

    it('ignores case and accents in names, and finds every word of a name in any order', async () => {
      expect(await found('zoe')).toEqual(['ps_06']);
      expect(await found('đurić')).toEqual(['ps_06']);
      expect(await found('Duric')).toEqual(['ps_06']);
      expect(await found('lefevre')).toEqual(['ps_04']);
      expect(await found('LEFÈVRE')).toEqual(['ps_04']);
      expect(await found('marie')).toEqual(['ps_04', 'ps_05']);
      expect(await found('marie cu')).toEqual(['ps_05']);
      expect(await found('petrovic iva')).toEqual(['ps_02']);
      expect(await found('kovač')).toEqual(['ps_01']);
      expect(await found('anne marie')).toEqual(['ps_04']);
    });

    it("takes LIKE's wildcards literally", async () => {
      expect(await found('pct%_')).toEqual(['ps_07']);
      expect(await found('pct')).toEqual(['ps_07', 'ps_08']);
      expect(await found('@wi_d')).toEqual([]);
      expect(await found('%person')).toEqual([]);
    });

    it('pages through the matches by id, each once', async () => {
      expect(await found('@example', 1)).toEqual(['ps_01', 'ps_02', 'ps_03']);
      expect(await found('person', 1)).toEqual(['ps_07', 'ps_08']);
      const match = personMatch('@example');
      if (!match) throw new Error('unreachable');
      const first = await run((tx) => tx.subjects.search({ match, limit: 2 }));
      expect(first.total).toBe(3);
      await expect(run((tx) => tx.subjects.search({ match, limit: 2, cursor: 'nope' }))).rejects.toMatchObject({ code: 'bad_request' });
      await expect(run((tx) => tx.subjects.search({ match, limit: 2, cursor: encodeCursor([1]) }))).rejects.toMatchObject({
        code: 'bad_request',
      });
    });

    it('sees a new person at once, in its own transaction, and not after a rollback', async () => {
      const match = personMatch('quentin');
      if (!match) throw new Error('unreachable');
      await expect(
        run(async (tx) => {
          await tx.subjects.insert(person('ps_20', 'Quentin Roll', 'q@roll.test'));
          expect(ids((await tx.subjects.search({ match, limit: 5 })).items)).toEqual(['ps_20']);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await found('quentin')).toEqual([]);
      await run((tx) => tx.subjects.insert(person('ps_21', 'Quentin Kept', 'quentin@kept.test')));
      expect(await found('quentin')).toEqual(['ps_21']);
      expect(await found('@kept')).toEqual(['ps_21']);
    });
  });
}
