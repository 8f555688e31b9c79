import { describe, expect, it } from 'vitest';
import { accessAccountRefusal, accessActionBlocker, accessWaitingFor, lapsedStatus } from './support-access';

const base = {
  status: 'pending' as const,
  decideBy: '2026-11-29T22:00:00.000Z',
  grantEndsAt: null,
  requesterId: 'usr_agent',
  consent: null,
  hasCredentials: false,
};
/** Given by the customer on the consent page. */
const consent = {
  personId: 'sub_1',
  personName: 'P',
  givenAt: '2026-11-29T09:00:00.000Z',
  channel: 'consent_page' as const,
  quote: 'P',
  shownText: 'I, P, allow ...',
  shownTextHash: 'h',
  ipHash: 'ip',
  userAgent: 'ua',
  recordedBy: null,
  recordedAt: '2026-11-29T09:00:00.000Z',
  exceptionReason: null,
  confirmedBy: null,
  confirmedByName: null,
  confirmedAt: null,
};
/** The exception: recorded by the agent from a phone call, not yet confirmed. */
const byPhone = {
  ...consent,
  channel: 'phone_call' as const,
  recordedBy: 'usr_agent',
  exceptionReason: 'No email access',
  shownText: null,
};
const now = new Date('2026-11-29T12:00:00.000Z');

describe('support-access state machine', () => {
  it('expires an undecided request at its decision time and ends a grant at its end', () => {
    expect(lapsedStatus(base, now)).toBeNull();
    expect(lapsedStatus(base, new Date('2026-11-29T22:00:00.000Z'))).toBe('expired');
    const active = { ...base, status: 'active' as const, grantEndsAt: '2026-11-29T13:00:00.000Z' };
    expect(lapsedStatus(active, now)).toBeNull();
    expect(lapsedStatus(active, new Date('2026-11-29T13:00:00.000Z'))).toBe('ended');
  });
  it('approves only with the customer consent, and never by the requester', () => {
    expect(accessActionBlocker(base, 'approve', { id: 'usr_officer' }, now)?.reason).toMatch(/consent/);
    expect(accessActionBlocker({ ...base, consent }, 'approve', { id: 'usr_officer' }, now)).toBeNull();
    expect(accessActionBlocker({ ...base, consent }, 'approve', { id: 'usr_agent' }, now)?.reason).toMatch(/person who made it/);
    expect(
      accessActionBlocker({ ...base, consent }, 'approve', { id: 'usr_officer' }, new Date('2026-11-30T00:00:00.000Z'))?.reason,
    ).toMatch(/expired/);
  });
  it('reveals only to the requester during an active grant with login details attached', () => {
    const active = { ...base, consent, status: 'active' as const, grantEndsAt: '2026-11-29T13:00:00.000Z', hasCredentials: true };
    expect(accessActionBlocker({ ...active, hasCredentials: false }, 'reveal', { id: 'usr_agent' }, now)?.reason).toMatch(
      /No login details/,
    );
    expect(accessActionBlocker(active, 'reveal', { id: 'usr_agent' }, now)).toBeNull();
    expect(accessActionBlocker(active, 'reveal', { id: 'usr_other' }, now)?.reason).toMatch(/Only the agent/);
    expect(accessActionBlocker(active, 'reveal', { id: 'usr_agent' }, new Date('2026-11-29T13:00:00.000Z'))?.reason).toMatch(/ended/);
    expect(accessActionBlocker({ ...active, status: 'revoked' }, 'reveal', { id: 'usr_agent' }, now)?.reason).toMatch(/revoked/);
  });
  it('revokes only active grants; recorded consent can be withdrawn while pending or active', () => {
    expect(accessActionBlocker(base, 'revoke', { id: 'usr_officer' }, now)?.reason).toMatch(/Only an active grant/);
    expect(accessActionBlocker({ ...base, consent }, 'withdrawConsent', { id: 'usr_officer' }, now)).toBeNull();
    expect(accessActionBlocker(base, 'withdrawConsent', { id: 'usr_officer' }, now)?.reason).toMatch(/consent is not recorded/);
    expect(accessActionBlocker({ ...base, status: 'denied' }, 'withdrawConsent', { id: 'usr_officer' }, now)?.reason).toMatch(/denied/);
  });
  it('needs a second officer to confirm an agent-recorded consent, and that officer cannot also approve', () => {
    expect(accessActionBlocker({ ...base, consent: byPhone }, 'approve', { id: 'usr_officer' }, now)?.reason).toMatch(
      /confirmed by another/,
    );
    expect(accessActionBlocker({ ...base, consent: byPhone }, 'confirmConsent', { id: 'usr_agent' }, now)?.code).toBe('forbidden');
    expect(accessActionBlocker({ ...base, consent: byPhone }, 'confirmConsent', { id: 'usr_officer' }, now)).toBeNull();
    expect(accessActionBlocker({ ...base, consent }, 'confirmConsent', { id: 'usr_officer' }, now)?.reason).toMatch(/no agent-recorded/);
    const confirmed = { ...byPhone, confirmedBy: 'usr_officer', confirmedByName: 'O', confirmedAt: now.toISOString() };
    expect(accessActionBlocker({ ...base, consent: confirmed }, 'approve', { id: 'usr_officer' }, now)?.reason).toMatch(
      /confirmed the consent/,
    );
    expect(accessActionBlocker({ ...base, consent: confirmed }, 'approve', { id: 'usr_officer2' }, now)).toBeNull();
  });
  it('says what a pending request waits for', () => {
    expect(accessWaitingFor(base, now)).toBe('customer_consent');
    expect(accessWaitingFor({ ...base, consent: byPhone }, now)).toBe('consent_confirmation');
    expect(accessWaitingFor({ ...base, consent }, now)).toBe('officer');
    expect(accessWaitingFor({ ...base, consent, status: 'active' }, now)).toBeNull();
  });
  it('lets only the requester add consent, credentials or cancel; login details come from the customer', () => {
    expect(accessActionBlocker(base, 'consent', { id: 'usr_other' }, now)?.reason).toMatch(/Only the agent/);
    expect(accessActionBlocker(base, 'credentials', { id: 'usr_agent' }, now)?.reason).toMatch(/consent page/);
    expect(accessActionBlocker({ ...base, consent: byPhone }, 'credentials', { id: 'usr_agent' }, now)).toBeNull();
    expect(accessActionBlocker({ ...base, status: 'active' }, 'cancel', { id: 'usr_agent' }, now)?.reason).toMatch(/active/);
  });
});

describe('accessAccountRefusal', () => {
  it('refuses a self-hosted account (nothing of ours to access) and a cancelled one, and allows an active cloud account', () => {
    expect(accessAccountRefusal({ hosting: 'self_hosted', status: 'active' })?.field).toBe('Self-hosted: nothing to access');
    expect(accessAccountRefusal({ hosting: 'self_hosted', status: 'cancelled' })?.reason).toMatch(/own servers/);
    expect(accessAccountRefusal({ hosting: 'cloud', status: 'cancelled' })?.field).toBe('Account is cancelled');
    expect(accessAccountRefusal({ hosting: 'cloud', status: 'active' })).toBeNull();
  });
});
