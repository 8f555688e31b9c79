import { beforeAll, describe, expect, it } from 'vitest';
import { personMatch, personMatches } from '@/api/rules/person-search';
import type { PersonResult } from '@/api/contract/consent';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** Finding a person by the start of an email, a domain or a name (issue 18), with emails masked. */
export function personSearchTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  async function everyPage(q: string): Promise<PersonResult[]> {
    const found: PersonResult[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await h.ok('auditor', 'searchPeople', { query: { q, limit: 100, cursor } });
      found.push(...page.items);
      if (page.nextCursor === null) return found;
      cursor = page.nextCursor;
    }
    throw new Error('Too many pages');
  }

  const expected = (q: string): string[] => {
    const match = personMatch(q);
    if (!match) throw new Error(`"${q}" is too short`);
    return h.seed.subjects
      .filter((s) => personMatches(match, s.email, s.name))
      .map((s) => s.id)
      .sort();
  };

  describe('person search', () => {
    it('finds everyone at a domain, in id order, emails masked', async () => {
      const person = h.seed.subjects.find((s) => s.email?.includes('@'))!;
      const domain = person.email!.slice(person.email!.indexOf('@')).toUpperCase();
      const found = await everyPage(domain);
      expect(found.map((p) => p.id)).toEqual(expected(domain));
      expect(found.map((p) => p.id)).toContain(person.id);
      for (const p of found) expect(p.email).toMatch(/^.\*\*\*@/);
      expect(JSON.stringify(found)).not.toContain(person.email!);
    });

    it('finds a person by the start of their email and by a word of their name', async () => {
      const person = h.seed.subjects.find((s) => s.name && s.email && s.name.includes(' '))!;
      const lastName = person.name!.split(' ').at(-1)!;
      expect((await everyPage(lastName.toUpperCase())).map((p) => p.id)).toEqual(expected(lastName));
      expect((await everyPage(lastName)).map((p) => p.id)).toContain(person.id);
      const start = person.email!.slice(0, person.email!.indexOf('@') + 2);
      expect((await everyPage(start)).map((p) => p.id)).toEqual(expected(start));
      expect((await everyPage(start)).map((p) => p.id)).toContain(person.id);
    });

    it('refuses a text too short to narrow anything with 400 on q, as every bad query parameter', async () => {
      for (const q of ['a', '@b', ' ', '-']) {
        expectError(await h.call('auditor', 'GET', `/api/subjects?q=${encodeURIComponent(q)}`), 400, 'q');
      }
      expectError(await h.call('auditor', 'GET', '/api/subjects'), 400, 'q');
    });

    it('is for officers and auditors: a support agent looks up an exact email, and nobody signed out searches', async () => {
      expect((await h.call('officer', 'GET', '/api/subjects?q=%40demo')).status).toBe(200);
      expectError(await h.call('support', 'GET', '/api/subjects?q=%40demo'), 403);
      expectError(await h.call('nobody', 'GET', '/api/subjects?q=%40demo'), 401);
    });
  });
}
