/**
 * Issue 18's figure for `npm run bench` (BENCH_ONLY=person-search runs only this): person search at
 * BENCH_PEOPLE people (default 100,000) on the MemoryStore, PGlite and PostgreSQL (with BENCH_DATABASE_URL,
 * TEST_DATABASE_URL or DATABASE_URL). Each search is the store's first page (20 people and the capped total),
 * for a different person each time; its p95 is reported as a ratio to the p95 of an exact email lookup
 * (subjects_email_idx) measured in the same run on the same store, so the figures compare across machines.
 */
import type { Subject } from '@/api/contract/accounts';
import { personMatch } from '@/api/rules/person-search';
import type { Store } from '@/api/store/store';

type Row = Record<string, string | number>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The searches measured, each made from one person as someone looking for them would type it. */
const kinds: { name: string; text: (email: string, name: string) => string }[] = [
  { name: 'email start, up to the domain (ana.kovac@ex)', text: (email) => email.slice(0, email.indexOf('@') + 3) },
  { name: 'typed start, 4 letters (name or email)', text: (email) => email.slice(0, 4) },
  { name: 'domain (@acme.example)', text: (email) => email.slice(email.indexOf('@')) },
  { name: 'name, first and last', text: (_, name) => name },
  { name: 'last name alone', text: (_, name) => name.split(' ').at(-1) ?? name },
];

/** A fixed, spread choice of people, so every store is asked the same questions. */
function sample(people: readonly Subject[], count: number): { email: string; name: string }[] {
  const named = people.filter((p): p is Subject & { email: string; name: string } => p.email !== null && p.name !== null);
  let x = 12345;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const p = named[x % named.length] as { email: string; name: string };
    return { email: p.email, name: p.name };
  });
}

export async function measurePersonSearch(label: string, store: Store, people: readonly Subject[], iterations: number): Promise<Row[]> {
  const asked = sample(people, iterations);
  const time = async (work: (i: number) => Promise<number>) => {
    await work(0);
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < asked.length; i++) {
      const t = performance.now();
      found += await work(i);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95), found: found / asked.length };
  };
  const reference = await time(async (i) => (await store.transaction((tx) => tx.subjects.findByEmail(asked[i]!.email))).length);
  const rows: Row[] = [
    {
      store: label,
      search: 'exact email (reference)',
      p50: +reference.p50.toFixed(2),
      p95: +reference.p95.toFixed(2),
      'p95 ratio': 1,
      'found (mean)': +reference.found.toFixed(1),
    },
  ];
  for (const kind of kinds) {
    const r = await time(async (i) => {
      const match = personMatch(kind.text(asked[i]!.email, asked[i]!.name));
      if (!match) throw new Error(`${kind.name}: too short`);
      const page = await store.transaction((tx) => tx.subjects.search({ match, limit: 20 }));
      return page.total ?? page.items.length;
    });
    rows.push({
      store: label,
      search: kind.name,
      p50: +r.p50.toFixed(2),
      p95: +r.p95.toFixed(2),
      'p95 ratio': +(r.p95 / reference.p95).toFixed(1),
      'found (mean)': +r.found.toFixed(1),
    });
  }
  return rows;
}
