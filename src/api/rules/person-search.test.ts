import { describe, expect, it } from 'vitest';
import { foldName, personMatch, personMatches } from './person-search';

describe('person search rule', () => {
  it('folds case and accents letter for letter, and makes separators spaces', () => {
    expect(foldName('ZOË Đurić')).toBe(' zoe duric');
    expect(foldName('Anne-Marie Lefèvre')).toBe(' anne marie lefevre');
    expect(foldName('Łukasz Żółć')).toBe(' lukasz zolc');
    expect(foldName(null)).toBeNull();
  });

  it('tells a domain, the start of an address and a name apart; refuses what is too short', () => {
    expect(personMatch(' @Acme.COM ')).toEqual({ kind: 'domain', domain: 'acme.com' });
    expect(personMatch('Ana@ac')).toEqual({ kind: 'email', prefix: 'ana@ac' });
    expect(personMatch('Ana Kovač')).toEqual({ kind: 'name', words: ['ana', 'kovac'], emailPrefix: null });
    expect(personMatch('ana')).toEqual({ kind: 'name', words: ['ana'], emailPrefix: 'ana' });
    for (const short of ['', 'a', '@a', ' @ ', '-', 'a b@', '@a@b']) expect(personMatch(short)).toBeNull();
  });

  it('matches the start of words, not their middle', () => {
    const name = personMatch('mar');
    if (!name) throw new Error('unreachable');
    expect(personMatches(name, null, 'Anne-Marie')).toBe(true);
    expect(personMatches(name, null, 'Omar')).toBe(false);
    expect(personMatches(name, 'mark@x.test', null)).toBe(true);
  });
});
