import { escapeHtml } from '@/api/rules/exports';
import type { ConsentEvent, ConsentPurpose } from '@/api/contract/consent';
import { consentPurposeLabels } from '@/api/contract/consent';
import type { ControllerDetails } from '@/api/contract/settings';

/** The personal data each consent purpose uses, in the receipt's words. */
const piiOf: Record<ConsentPurpose, string[]> = {
  marketing_emails: ['email', 'name'],
  product_research: ['email', 'name', 'usage data'],
  testimonial_quote: ['name', 'quote'],
  customer_story: ['name', 'company', 'story'],
  call_recording: ['voice and video recording'],
  advertising_cookies: ['cookie identifiers', 'IP address'],
  analytics_cookies: ['cookie identifiers', 'usage data'],
  third_party_app_sharing: ['account data shared with the app'],
};

const methodOf = (e: ConsentEvent) =>
  `${e.channel.replace(/_/g, ' ')} (${e.recordedBy.kind === 'subject' ? 'by the person' : 'recorded by staff'})`;

/**
 * A Kantara Initiative Consent Receipt v1.1 for one consent event. The principal is named by the subject id
 * (pseudonymous), never by email; a withdrawal is a receipt whose purpose says it ended.
 */
export function kantaraReceipt(e: ConsentEvent, controller: ControllerDetails) {
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: controller.jurisdiction,
    consentTimestamp: Math.floor(Date.parse(e.occurredAt) / 1000),
    collectionMethod: methodOf(e),
    consentReceiptID: e.id,
    language: 'en',
    piiPrincipalId: e.subjectId,
    piiControllers: [
      {
        piiController: controller.name,
        onBehalf: false,
        contact: controller.contact,
        address: controller.address,
        email: controller.email,
        phone: controller.phone,
        piiControllerUrl: controller.url,
      },
    ],
    policyUrl: controller.policyUrl,
    services: [
      {
        service: controller.name,
        purposes: [
          {
            purpose: consentPurposeLabels[e.purpose],
            purposeCategory: [e.purpose],
            // The spec knows EXPLICIT and IMPLIED only; a withdrawal says so in `termination`.
            consentType: 'EXPLICIT',
            piiCategory: piiOf[e.purpose],
            primaryPurpose: false,
            termination:
              e.action === 'granted'
                ? 'Until withdrawn; withdrawing is as easy as giving (GDPR Art. 7(3))'
                : `Withdrawn on ${e.occurredAt}; processing before then stays lawful`,
            thirdPartyDisclosure: false,
          },
        ],
      },
    ],
    sensitive: false,
    spiCat: [],
  };
}

/**
 * The same event as a consent record structured as ISO/IEC TS 27560 sets one out: the record and its
 * schema version, the PII principal, the controller, the notice shown (version and content hash), the
 * purpose with its legal basis and the personal data, and the event (given or withdrawn) with when and how.
 */
export function iso27560Record(e: ConsentEvent, controller: ControllerDetails) {
  return {
    schemaVersion: 'ISO/IEC TS 27560:2023',
    recordId: e.id,
    piiPrincipalId: e.subjectId,
    controller: { name: controller.name, address: controller.address, contact: controller.email, url: controller.url },
    notice: { version: e.noticeVersion, sha256: e.noticeHash, url: controller.policyUrl },
    purposes: [
      {
        purposeId: e.purpose,
        purpose: consentPurposeLabels[e.purpose],
        legalBasis: 'GDPR Art. 6(1)(a) consent',
        piiCategories: piiOf[e.purpose],
      },
    ],
    event: {
      type: e.action === 'granted' ? 'given' : 'withdrawn',
      time: e.occurredAt,
      recordedAt: e.recordedAt,
      method: methodOf(e),
      evidence: e.evidence ? { userAgent: e.evidence.userAgent, ipHash: e.evidence.ipHash } : null,
      recordedBy: e.recordedBy.kind === 'subject' ? 'pii principal' : `staff: ${e.recordedBy.name}`,
    },
    status: e.action === 'granted' ? 'active' : 'withdrawn',
  };
}

/** The receipt a person can read: what they agreed to or withdrew, when, how, under which notice. */
export function receiptHtml(e: ConsentEvent, controller: ControllerDetails): string {
  const r = iso27560Record(e, controller);
  const rows: [string, string][] = [
    ['Receipt', e.id],
    ['Controller', `${controller.name} (${controller.email})`],
    ['Person (pseudonymous id)', e.subjectId],
    ['Purpose', consentPurposeLabels[e.purpose]],
    ['What happened', e.action === 'granted' ? 'Consent given' : 'Consent withdrawn'],
    ['When', `${e.occurredAt.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC')}`],
    ['How', methodOf(e)],
    ['Notice shown', `Version ${e.noticeVersion} (SHA-256 ${e.noticeHash})`],
    ['Personal data', r.purposes[0]?.piiCategories.join(', ') ?? ''],
    ['Legal basis', 'Consent, GDPR Art. 6(1)(a)'],
    [
      'Your right',
      e.action === 'granted'
        ? 'You may withdraw this consent at any time, as easily as you gave it; processing before then stays lawful.'
        : 'Processing for this purpose stopped from this time; processing before it stays lawful.',
    ],
  ];
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Consent receipt ${escapeHtml(e.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#111}th{text-align:left;padding:.4rem 1rem .4rem 0;vertical-align:top}td{padding:.4rem 0}</style>
</head><body><h1>Consent receipt</h1><table>
${body}
</table><p>Machine-readable forms: Kantara Consent Receipt v1.1 and ISO/IEC TS 27560 (JSON).</p></body></html>
`;
}
