import type { Subject } from '@/api/contract/accounts';
import type { PersonMatch } from '@/api/rules/person-search';
import { foldName, personMatches } from '@/api/rules/person-search';
import { lowerBound } from './paging';

type Entry = readonly [key: string, id: string];

const byKey = (a: Entry, b: Entry): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** The ids of the entries whose key starts with `prefix`: a binary search, then a walk along the range. */
function withPrefix(entries: readonly Entry[], prefix: string): Set<string> {
  const ids = new Set<string>();
  for (let i = lowerBound(entries, (e) => e[0] >= prefix); i < entries.length; i++) {
    const entry = entries[i] as Entry;
    if (!entry[0].startsWith(prefix)) break;
    ids.add(entry[1]);
  }
  return ids;
}

/**
 * The MemoryStore's counterpart of migration 014's trigram indexes: sorted keys that a prefix finds by binary
 * search (addresses, what follows each @ of an address, the folded words of a name), so a search reads the
 * matching people, not all of them. Built from the subjects as they stand; the store builds a new one after
 * subjects change (rare: a new person, an erasure), not on every write.
 */
export class PersonIndex {
  private readonly emails: Entry[] = [];
  private readonly domains: Entry[] = [];
  private readonly words: Entry[] = [];

  constructor(private readonly subjects: ReadonlyMap<string, Subject>) {
    for (const s of subjects.values()) {
      const email = s.email?.toLowerCase() ?? null;
      if (email !== null) {
        this.emails.push([email, s.id]);
        for (let at = email.indexOf('@'); at >= 0; at = email.indexOf('@', at + 1)) this.domains.push([email.slice(at + 1), s.id]);
      }
      for (const word of new Set((foldName(s.name) ?? '').split(' '))) if (word) this.words.push([word, s.id]);
    }
    this.emails.sort(byKey);
    this.domains.sort(byKey);
    this.words.sort(byKey);
  }

  /** The ids of the people `match` finds, in id order. */
  find(match: PersonMatch): string[] {
    let found: Set<string>;
    if (match.kind === 'domain') found = withPrefix(this.domains, match.domain);
    else if (match.kind === 'email') found = withPrefix(this.emails, match.prefix);
    else {
      const [first, ...rest] = match.words.map((w) => withPrefix(this.words, w));
      found = new Set([...(first ?? [])].filter((id) => rest.every((ids) => ids.has(id))));
      if (match.emailPrefix !== null) for (const id of withPrefix(this.emails, match.emailPrefix)) found.add(id);
    }
    // The index narrows; the rule decides.
    return [...found]
      .filter((id) => {
        const s = this.subjects.get(id);
        return s !== undefined && personMatches(match, s.email, s.name);
      })
      .sort();
  }
}
