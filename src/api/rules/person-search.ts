/**
 * Finding a person (issue 18): by the start of their email address, by their email's domain, or by the
 * start of any word of their name, case- and accent-insensitively. Every store decides a match with these
 * functions' meaning: the SQL store with pg_trgm indexes over the same folding (migration 014 spells
 * `nameFoldSql` out; a test keeps the two equal), the MemoryStore with sorted indexes over these functions.
 */

/**
 * Letters folded to their plain lower-case form, one character each, so SQL's `translate` (immutable, hence
 * usable in a stored generated column) does exactly what `foldName` does. Separators inside names become
 * spaces, so "Anne-Marie" is found by "marie". Letters outside this table are kept as they are.
 */
const FOLDS: readonly (readonly [string, string])[] = [
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'],
  ['ÀÁÂÃÄÅàáâãäåĀāĂăĄą', 'aaaaaaaaaaaaaaaaaa'],
  ['ÇçĆćĈĉĊċČč', 'cccccccccc'],
  ['ĎďĐđ', 'dddd'],
  ['ÈÉÊËèéêëĒēĔĕĖėĘęĚě', 'eeeeeeeeeeeeeeeeee'],
  ['ĜĝĞğĠġĢģ', 'gggggggg'],
  ['ĤĥĦħ', 'hhhh'],
  ['ÌÍÎÏìíîïĨĩĪīĬĭĮįİı', 'iiiiiiiiiiiiiiiiii'],
  ['Ĵĵ', 'jj'],
  ['Ķķ', 'kk'],
  ['ĹĺĻļĽľĿŀŁł', 'llllllllll'],
  ['ÑñŃńŅņŇň', 'nnnnnnnn'],
  ['ÒÓÔÕÖØòóôõöøŌōŎŏŐő', 'oooooooooooooooooo'],
  ['ŔŕŖŗŘř', 'rrrrrr'],
  ['ŚśŜŝŞşŠš', 'ssssssss'],
  ['ŢţŤťŦŧ', 'tttttt'],
  ['ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų', 'uuuuuuuuuuuuuuuuuuuu'],
  ['Ŵŵ', 'ww'],
  ['ÝýÿŶŷŸ', 'yyyyyy'],
  ['ŹźŻżŽž', 'zzzzzz'],
  ['-.,_', '    '],
];

const foldFrom = FOLDS.map(([from]) => from).join('');
const foldTo = FOLDS.map(([, to]) => to).join('');
const foldMap = new Map([...foldFrom].map((c, i) => [c, [...foldTo][i] ?? c]));

/** The name as the index keeps it: folded, with a space before it so that every word starts after a space. */
export function foldName(name: string | null): string | null {
  if (name === null) return null;
  let out = ' ';
  for (const c of name) out += foldMap.get(c) ?? c;
  return out;
}

/** The SQL expression of `foldName` over a column (migration 014's generated column). */
export function nameFoldSql(column: string): string {
  return `' ' || translate(${column}, '${foldFrom}', '${foldTo}')`;
}

/** The shortest text worth a search: one letter would match most of the people there are. */
export const MIN_PERSON_QUERY = 2;

/**
 * What a search text asks for. "@acme" is a domain (the part after @ starts with "acme"); text with an @
 * inside is the start of an address; anything else is the start of an address or of words of the name.
 */
export type PersonMatch =
  { kind: 'domain'; domain: string } | { kind: 'email'; prefix: string } | { kind: 'name'; words: string[]; emailPrefix: string | null };

/** The match a search text asks for, or null when it is too short to search. */
export function personMatch(text: string): PersonMatch | null {
  const q = text.trim().toLowerCase();
  if (q.startsWith('@')) {
    const domain = q.slice(1);
    return domain.length >= MIN_PERSON_QUERY && !domain.includes('@') && !/\s/.test(domain) ? { kind: 'domain', domain } : null;
  }
  if (q.includes('@')) return q.length >= MIN_PERSON_QUERY && !/\s/.test(q) ? { kind: 'email', prefix: q } : null;
  const words = (foldName(q) ?? '').split(' ').filter((w) => w.length > 0);
  if (words.join('').length < MIN_PERSON_QUERY) return null;
  return { kind: 'name', words, emailPrefix: /\s/.test(q) ? null : q };
}

/** Whether a person with this email and name matches: the meaning every store's index must give. */
export function personMatches(match: PersonMatch, email: string | null, name: string | null): boolean {
  const address = email?.toLowerCase() ?? null;
  switch (match.kind) {
    case 'domain':
      return address !== null && address.includes(`@${match.domain}`);
    case 'email':
      return address !== null && address.startsWith(match.prefix);
    case 'name': {
      if (match.emailPrefix !== null && address !== null && address.startsWith(match.emailPrefix)) return true;
      const folded = foldName(name);
      return folded !== null && match.words.every((w) => folded.includes(` ${w}`));
    }
  }
}
