import { describe, expect, it } from 'vitest';
import { health } from '@/api/contract/endpoints';
import { demoUsersOf, ssoOf } from './boot-data';

const demoSchema = health.shape.demo;
const user = { email: 'a@demo.test', name: 'Ada', role: 'auditor' };

describe('the sign-in page’s check of the demo users the server wrote into it', () => {
  const samples: unknown[] = [
    null,
    { users: [], password: 'pw' },
    { users: [user, { ...user, email: 'b@demo.test', role: 'privacy_officer' }], password: 'pw' },
    { users: [{ ...user, role: 'admin' }], password: 'pw' },
    { users: [{ ...user, name: 3 }], password: 'pw' },
    { users: [{ email: 'a@demo.test', role: 'auditor' }], password: 'pw' },
    { users: [user] },
    { users: 'nobody', password: 'pw' },
    { users: [null], password: 'pw' },
    'demo',
    42,
    undefined,
  ];

  it('accepts exactly what the contract’s schema accepts, and answers the same value', () => {
    for (const sample of samples) {
      const parsed = demoSchema.safeParse(sample);
      expect(demoUsersOf(sample), JSON.stringify(sample)).toEqual(parsed.success ? parsed.data : undefined);
    }
  });
});

describe('the sign-in page’s check of the single sign-on offer the server wrote into it', () => {
  const ssoSchema = health.shape.sso;
  const samples: unknown[] = [
    null,
    { name: 'Acme ID', startUrl: '/api/sso/start' },
    { name: 'Acme ID' },
    { name: 3, startUrl: '/api/sso/start' },
    { startUrl: '/api/sso/start' },
    'sso',
    undefined,
  ];

  it('accepts exactly what the contract’s schema accepts, and answers the same value', () => {
    for (const sample of samples) {
      const parsed = ssoSchema.safeParse(sample);
      expect(ssoOf(sample), JSON.stringify(sample)).toEqual(parsed.success ? parsed.data : undefined);
    }
  });
});
