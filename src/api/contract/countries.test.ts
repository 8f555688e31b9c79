import { describe, expect, it } from 'vitest';
import { countryCodes, countryName, isCountryCode } from './countries';

describe('country names', () => {
  it('names every code, each in words and each once (the location picker lists them by name)', () => {
    const names = countryCodes.map(countryName);
    for (const [i, name] of names.entries()) expect(name, countryCodes[i]).toMatch(/^[A-Z\u00C5].{2,}/);
    expect(new Set(names).size).toBe(countryCodes.length);
    expect([countryName('DE'), countryName('RS'), countryName('US'), countryName('CI')]).toEqual([
      'Germany',
      'Serbia',
      'United States',
      'Côte d’Ivoire',
    ]);
  });

  it('gives a code outside the list back as it is', () => {
    expect(isCountryCode('XX')).toBe(false);
    expect(countryName('XX')).toBe('XX');
    expect(countryName('de')).toBe('de');
  });
});
