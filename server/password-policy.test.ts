import { describe, expect, it } from 'vitest';
import { commonPasswordCount, passwordProblems } from './password-policy';

describe('the password rule (NIST SP 800-63B)', () => {
  const ok = (password: string, email = 'ann@example.com') => expect(passwordProblems(password, email), password).toEqual([]);
  const refused = (password: string, why: RegExp, email = 'ann@example.com') =>
    expect(passwordProblems(password, email).join(' | '), password).toMatch(why);

  it('ships a list of at least 10,000 common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it('takes a long passphrase of the person’s own', () => {
    ok('correct horse battery');
    ok('Kettle-on the Balcony 7');
    ok('ein Käsebrot für Ännchen');
  });

  it('refuses fewer than 12 characters, counting characters, not bytes', () => {
    refused('short pass', /at least 12/);
    refused('𝕏𝕐ℤ𝕏𝕐ℤ𝕏𝕐ℤ', /at least 12/);
  });

  it('refuses a common password, also behind capitals, spaces and the digits people add', () => {
    refused('baseballbaseball', /common passwords/);
    refused('qazwsxedcrfv', /common passwords/);
    refused('Leave me alone', /common passwords/);
    refused('Password2026!', /common passwords/);
    refused('iloveyou 1234', /common passwords/);
    refused('1q2w3e4r5t6y', /common passwords/);
  });

  it('refuses the email address or its name part', () => {
    refused('ann@example.com!', /email address/);
    refused('AnnaLovelace-ann', /email address/, 'ann@example.com');
    refused('my name is lovelace', /email address/, 'lovelace@example.com');
  });

  it('refuses one character or a short run repeated, and straight sequences', () => {
    refused('aaaaaaaaaaaa', /repeat/);
    refused('abababababab', /repeat/);
    refused('abcdefghijklm', /sequence/);
    refused('987654321098', /sequence/);
  });
});
