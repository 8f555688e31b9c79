import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentPurposes } from '@/api/contract/consent';
import type { ControllerDetails } from '@/api/contract/settings';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';
import { iso27560Record, kantaraReceipt, receiptHtml } from './receipts';
import { validateKantaraReceipt as validate } from '@/testing/kantara-receipt-schema';

const granted: ConsentEvent = {
  id: 'ce_1',
  subjectId: 'sub_1',
  accountId: 'acc_1',
  email: 'ana@example.com',
  purpose: 'marketing_emails',
  action: 'granted',
  occurredAt: '2026-11-01T09:30:00.000Z',
  recordedAt: '2026-11-01T09:30:01.000Z',
  channel: 'sign_up_form',
  noticeVersion: 'v3',
  noticeHash: 'a'.repeat(64),
  evidence: { userAgent: 'Firefox', ipHash: 'b'.repeat(64) },
  recordedBy: { kind: 'subject' },
  note: null,
};
const withdrawn: ConsentEvent = {
  ...granted,
  id: 'ce_2',
  action: 'withdrawn',
  channel: 'support_conversation',
  evidence: null,
  recordedBy: { kind: 'staff', userId: 'usr_1', name: 'Sam Support' },
  note: 'Asked in chat',
};

describe('Kantara Consent Receipt v1.1', () => {
  it('validates against the schema for a grant, a withdrawal and every purpose', () => {
    for (const e of [granted, withdrawn, ...consentPurposes.map((purpose) => ({ ...granted, purpose }))]) {
      const receipt = kantaraReceipt(e, DEFAULT_CONTROLLER);
      expect(validate(receipt), JSON.stringify(validate.errors)).toBe(true);
    }
    const r = kantaraReceipt(granted, DEFAULT_CONTROLLER);
    expect(r.consentTimestamp).toBe(Date.parse(granted.occurredAt) / 1000);
    expect(r.piiPrincipalId).toBe('sub_1');
    // The person is named by a pseudonymous id: no email anywhere in the receipt.
    expect(JSON.stringify(r)).not.toContain('ana@example.com');
    expect(kantaraReceipt(withdrawn, DEFAULT_CONTROLLER).services[0]?.purposes[0]?.termination).toMatch(/^Withdrawn on 2026-11-01/);
  });
  it('is a schema that refuses a receipt missing what the specification requires', () => {
    const { piiPrincipalId: _gone, ...missing } = kantaraReceipt(granted, DEFAULT_CONTROLLER);
    expect(validate(missing)).toBe(false);
    const r = kantaraReceipt(granted, DEFAULT_CONTROLLER);
    const disclosed = {
      ...r,
      services: [{ ...r.services[0]!, purposes: [{ ...r.services[0]!.purposes[0]!, thirdPartyDisclosure: true }] }],
    };
    expect(validate(disclosed)).toBe(false);
    expect(validate({ ...r, version: 'KI-CR-v1.0.0' })).toBe(false);
  });
});

describe('ISO/IEC TS 27560 consent record', () => {
  it('carries the notice, the purpose with its legal basis, and the event with how and by whom', () => {
    expect(iso27560Record(withdrawn, DEFAULT_CONTROLLER)).toMatchObject({
      recordId: 'ce_2',
      piiPrincipalId: 'sub_1',
      notice: { version: 'v3', sha256: 'a'.repeat(64) },
      purposes: [{ purposeId: 'marketing_emails', legalBasis: 'GDPR Art. 6(1)(a) consent' }],
      event: { type: 'withdrawn', time: '2026-11-01T09:30:00.000Z', recordedBy: 'staff: Sam Support', evidence: null },
      status: 'withdrawn',
    });
    expect(JSON.stringify(iso27560Record(granted, DEFAULT_CONTROLLER))).not.toContain('ana@example.com');
  });
});

describe('the readable receipt', () => {
  it('says what happened, when, how and under which notice, with markup escaped and no email', () => {
    const html = receiptHtml({ ...withdrawn, noticeVersion: '<v3>' }, DEFAULT_CONTROLLER);
    expect(html).toContain('Consent withdrawn');
    expect(html).toContain('2026-11-01 09:30:00 UTC');
    expect(html).toContain('Version &lt;v3&gt;');
    expect(html).not.toContain('ana@example.com');
  });
});

describe('the controller a receipt names', () => {
  const configured: ControllerDetails = {
    name: 'Acme <Data> d.o.o.',
    address: 'Bulevar 1, 11000 Beograd, Serbia',
    email: 'dpo@acme.example',
    contact: 'Data protection officer',
    phone: '+381 11 000 000',
    url: 'https://acme.example',
    policyUrl: 'https://acme.example/privacy',
    jurisdiction: 'EU GDPR',
  };
  it('is the configured one in every form, and the Kantara receipt still validates', () => {
    const k = kantaraReceipt(granted, configured);
    expect(validate(k), JSON.stringify(validate.errors)).toBe(true);
    expect(k.piiControllers).toEqual([
      {
        piiController: 'Acme <Data> d.o.o.',
        onBehalf: false,
        contact: 'Data protection officer',
        address: 'Bulevar 1, 11000 Beograd, Serbia',
        email: 'dpo@acme.example',
        phone: '+381 11 000 000',
        piiControllerUrl: 'https://acme.example',
      },
    ]);
    expect(k).toMatchObject({ jurisdiction: 'EU GDPR', policyUrl: 'https://acme.example/privacy' });
    expect(k.services[0]?.service).toBe('Acme <Data> d.o.o.');
    expect(JSON.stringify(k)).not.toContain('ActiveCollab');
    expect(iso27560Record(granted, configured).controller).toEqual({
      name: 'Acme <Data> d.o.o.',
      address: 'Bulevar 1, 11000 Beograd, Serbia',
      contact: 'dpo@acme.example',
      url: 'https://acme.example',
    });
    const html = receiptHtml(granted, configured);
    expect(html).toContain('Acme &lt;Data&gt; d.o.o. (dpo@acme.example)');
    expect(html).not.toContain('ActiveCollab');
  });
});
