import { describe, expect, it } from 'vitest';
import { backoffSeconds, evidenceUrl, redact, retryAfter } from './vendor-session';

const now = new Date('2026-12-01T10:00:00.000Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('retryAfter', () => {
  it('reads seconds, an HTTP date and Zoom’s ISO instant, in the order of the names given', () => {
    expect(retryAfter(headers({ 'retry-after': '45' }), ['retry-after'], now)?.toISOString()).toBe('2026-12-01T10:00:45.000Z');
    expect(retryAfter(headers({ 'retry-after': 'Tue, 01 Dec 2026 10:02:00 GMT' }), ['retry-after'], now)?.toISOString()).toBe(
      '2026-12-01T10:02:00.000Z',
    );
    expect(retryAfter(headers({ 'retry-after': '2026-12-02T00:00:00Z' }), ['retry-after'], now)?.toISOString()).toBe(
      '2026-12-02T00:00:00.000Z',
    );
    const both = headers({ 'x-ratelimit-retry-after': '7', 'retry-after': '99' });
    expect(retryAfter(both, ['x-ratelimit-retry-after', 'retry-after'], now)?.toISOString()).toBe('2026-12-01T10:00:07.000Z');
  });

  it('waits at least a second and at most a day, and ignores what it cannot read', () => {
    expect(retryAfter(headers({ 'retry-after': '0' }), ['retry-after'], now)?.toISOString()).toBe('2026-12-01T10:00:01.000Z');
    expect(retryAfter(headers({ 'retry-after': '2020-01-01T00:00:00Z' }), ['retry-after'], now)?.toISOString()).toBe(
      '2026-12-01T10:00:01.000Z',
    );
    expect(retryAfter(headers({ 'retry-after': '9999999' }), ['retry-after'], now)?.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(retryAfter(headers({ 'retry-after': 'soon' }), ['retry-after'], now)).toBeNull();
    expect(retryAfter(headers({}), ['retry-after'], now)).toBeNull();
  });

  it('backs off 30 s doubling per attempt, at most an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 3600, 3600]);
  });
});

describe('evidence URLs', () => {
  const hidden = [
    { value: 'Pat.Person+erase@Example.TEST', as: '<subject>' },
    { value: 'sk_test_secret', as: '<secret>' },
  ];

  it('replace the email in any spelling or encoding, and drop user info', () => {
    const url =
      'https://user:pw@api.example/v1/customers?email=pat.person%2Berase%40example.test&q=%28email%3A%22PAT.PERSON%2BERASE%40EXAMPLE.TEST%22%29';
    expect(evidenceUrl(url, hidden)).toBe('https://api.example/v1/customers?email=<subject>&q=(email:"<subject>")');
    expect(evidenceUrl('https://api.example/v1/profile/Pat.Person%2Berase%40Example.TEST', hidden)).toBe(
      'https://api.example/v1/profile/<subject>',
    );
  });

  it('replace secrets in text', () => {
    expect(redact('Invalid API Key provided: sk_test_secret', hidden)).toBe('Invalid API Key provided: <secret>');
  });
});
