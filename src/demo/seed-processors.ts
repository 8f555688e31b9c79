import type { ConnectorVendor, ProcessorConnector } from '@/api/contract/connectors';
import type { Processor, ProcessorInput } from '@/api/contract/processors';
import { addMonthsToDate } from '@/api/rules/time';
import { sandboxBaseUrls, sandboxCredentials, sandboxSettings } from './sandboxes/sandbox-config';

type Entry = Omit<ProcessorInput, 'lastReviewedOn' | 'dpa'> & {
  id: string;
  /** Months before today of the last review; null when never reviewed. */
  reviewedMonthsAgo: number | null;
  /** Months before today the DPA was signed; `pending` when it is not signed yet; null for our own locations. */
  dpaSignedMonthsAgo: number | 'pending' | null;
  dpaReference: string | null;
  /** Months before today the record was added to the registry. */
  addedMonthsAgo: number;
};

const customerData = ['email', 'name', 'billing_address', 'usage_data', 'account_content', 'support_messages'] as const;

/**
 * The registry as the privacy policy describes it: the eleven processors of section 5.5 and our own
 * storage locations of section 5.7. A few are left needing attention (an overdue review, a DPA not yet
 * signed, a US location with no transfer mechanism, a missing retention rule) so the registry has
 * something to flag.
 */
const entries: readonly Entry[] = [
  {
    id: 'prc_helpscout',
    kind: 'processor',
    name: 'Help Scout',
    legalEntity: 'Help Scout PBC',
    category: 'help_desk',
    description:
      'Help-desk software our Customer Care team uses to stay in touch with customers. It uses only their email and name, to get back to them, assist with requests and resolve issues.',
    dataCategories: ['email', 'name', 'support_messages'],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [{ purpose: 'Answer support requests and resolve reported issues', legalBasis: 'contract', consentPurpose: null }],
    locations: [{ country: 'US', transferMechanism: null }],
    privacyPolicyUrl: 'https://www.helpscout.net/company/legal/privacy/',
    dpfParticipant: 'Help Scout PBC',
    retention: {
      amount: 24,
      unit: 'months',
      trigger: 'collection',
      note: 'Closed conversations are deleted after 24 months, or with the account.',
    },
    owner: 'Customer Care',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 4,
    dpaSignedMonthsAgo: 62,
    dpaReference: 'HS-DPA-2018-0412',
    addedMonthsAgo: 84,
  },
  {
    id: 'prc_crisp',
    kind: 'processor',
    name: 'Crisp',
    legalEntity: 'Crisp IM SAS',
    category: 'chat',
    description:
      'Messaging platform our Customer Care team uses to chat with people who start a conversation on our website or in the app. Crisp uses only the email address.',
    dataCategories: ['email', 'support_messages'],
    dataSubjects: ['customers', 'website_visitors'],
    purposes: [{ purpose: 'Live chat with customers and website visitors', legalBasis: 'legitimate_interest', consentPurpose: null }],
    locations: [{ country: 'FR', transferMechanism: null }],
    privacyPolicyUrl: 'https://crisp.chat/en/privacy/',
    retention: null,
    owner: 'Customer Care',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 6,
    dpaSignedMonthsAgo: 58,
    dpaReference: 'CRISP-DPA-2019',
    addedMonthsAgo: 70,
  },
  {
    id: 'prc_stripe',
    kind: 'processor',
    name: 'Stripe',
    legalEntity: 'Stripe Payments Europe, Limited',
    category: 'payments',
    description:
      'Processes payments to us, for billing only. Collects payment details (card or bank account number), name and payment address, of the customer or of their billing representative.',
    dataCategories: ['payment_details', 'name', 'billing_address', 'email'],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [
      { purpose: 'Process subscription payments', legalBasis: 'contract', consentPurpose: null },
      { purpose: 'Keep the payment records tax law requires', legalBasis: 'legal_obligation', consentPurpose: null },
    ],
    locations: [
      { country: 'IE', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://stripe.com/us/privacy',
    dpfParticipant: 'Stripe, Inc.',
    retention: {
      amount: 10,
      unit: 'years',
      trigger: 'account_cancelled',
      note: 'Invoices and payment records are kept for 10 years, as tax and accounting law require.',
    },
    owner: 'Finance',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 2,
    dpaSignedMonthsAgo: 66,
    dpaReference: 'Stripe Data Processing Agreement (online)',
    addedMonthsAgo: 90,
  },
  {
    id: 'prc_fastspring',
    kind: 'processor',
    name: 'FastSpring',
    legalEntity: 'Bright Market, LLC (FastSpring)',
    category: 'billing_platform',
    description:
      'Cloud eCommerce platform we use for billing. Like Stripe, it collects payment details, name and payment address, of the customer or of their billing representative.',
    dataCategories: ['payment_details', 'name', 'billing_address', 'email'],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [
      { purpose: 'Sell subscriptions and issue invoices as our reseller', legalBasis: 'contract', consentPurpose: null },
      { purpose: 'Keep the invoices tax law requires', legalBasis: 'legal_obligation', consentPurpose: null },
    ],
    locations: [{ country: 'US', transferMechanism: 'scc' }],
    privacyPolicyUrl: 'https://fastspring.com/privacy/',
    retention: {
      amount: 10,
      unit: 'years',
      trigger: 'account_cancelled',
      note: 'Invoices and payment records are kept for 10 years, as tax and accounting law require.',
    },
    owner: 'Finance',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 16,
    dpaSignedMonthsAgo: 64,
    dpaReference: 'FS-DPA-2018-07',
    addedMonthsAgo: 96,
  },
  {
    id: 'prc_google_analytics',
    kind: 'processor',
    name: 'Google Analytics',
    legalEntity: 'Google Ireland Limited',
    category: 'analytics',
    description:
      'Web analytics service that tracks and reports website traffic, to monitor the use of our Services. Google may use the data to contextualise and personalise ads of its own network.',
    dataCategories: ['ip_address', 'usage_data', 'cookie_identifiers'],
    dataSubjects: ['website_visitors', 'customers'],
    purposes: [
      { purpose: 'Measure website traffic and how the Services are used', legalBasis: 'consent', consentPurpose: 'analytics_cookies' },
    ],
    locations: [
      { country: 'IE', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://policies.google.com/privacy',
    dpfParticipant: 'Google LLC',
    retention: { amount: 14, unit: 'months', trigger: 'collection', note: 'Event data retention is set to 14 months.' },
    owner: 'Marketing',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 5,
    dpaSignedMonthsAgo: 60,
    dpaReference: 'Google Ads Data Processing Terms',
    addedMonthsAgo: 100,
  },
  {
    id: 'prc_google_adwords',
    kind: 'processor',
    name: 'Google AdWords',
    legalEntity: 'Google Ireland Limited',
    category: 'advertising',
    description:
      'Remarketing service by Google: shows our ads to people who visited our website, and to customers who agreed to marketing. People control what Google uses at adssettings.google.com.',
    dataCategories: ['cookie_identifiers', 'ip_address', 'usage_data', 'email'],
    dataSubjects: ['website_visitors', 'customers'],
    purposes: [
      { purpose: 'Remarketing ads to people who visited our website', legalBasis: 'consent', consentPurpose: 'advertising_cookies' },
      { purpose: 'Customer Match ads to customers who agreed to marketing', legalBasis: 'consent', consentPurpose: 'marketing_emails' },
    ],
    locations: [
      { country: 'IE', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://policies.google.com/privacy',
    dpfParticipant: 'Google LLC',
    retention: { amount: 540, unit: 'days', trigger: 'collection', note: 'Remarketing lists keep a member for up to 540 days.' },
    owner: 'Marketing',
    reviewCycleMonths: 6,
    reviewedMonthsAgo: 3,
    dpaSignedMonthsAgo: 60,
    dpaReference: 'Google Ads Data Processing Terms',
    addedMonthsAgo: 100,
  },
  {
    id: 'prc_facebook_ads',
    kind: 'processor',
    name: 'Facebook Ads Manager',
    legalEntity: 'Meta Platforms Ireland Limited',
    category: 'advertising',
    description:
      'Advertising management tool by Facebook for creating ads, scheduling them and tracking how they perform. Matches CRM contacts (email, phone) to build Custom Audiences; the Facebook Pixel uses cookies for advertising.',
    dataCategories: ['email', 'phone_number', 'crm_contact_data', 'cookie_identifiers', 'ip_address'],
    dataSubjects: ['customers', 'website_visitors'],
    purposes: [
      { purpose: 'Custom Audiences matched from our CRM contacts', legalBasis: 'consent', consentPurpose: 'marketing_emails' },
      { purpose: 'Facebook Pixel: measure and target ads with cookies', legalBasis: 'consent', consentPurpose: 'advertising_cookies' },
    ],
    locations: [
      { country: 'IE', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://www.facebook.com/about/privacy/',
    retention: {
      amount: 180,
      unit: 'days',
      trigger: 'collection',
      note: 'Pixel events are kept for 180 days; uploaded contact lists are hashed and deleted after matching.',
    },
    owner: 'Marketing',
    reviewCycleMonths: 6,
    reviewedMonthsAgo: 2,
    dpaSignedMonthsAgo: 48,
    dpaReference: 'Facebook Business Tools Terms, data processing terms',
    addedMonthsAgo: 80,
  },
  {
    id: 'prc_mailchimp',
    kind: 'processor',
    name: 'MailChimp',
    legalEntity: 'The Rocket Science Group LLC (Mailchimp)',
    category: 'email_marketing',
    description: 'Marketing automation platform we use to stay in touch by email: our newsletter and our incentive program.',
    dataCategories: ['email', 'name', 'usage_data'],
    dataSubjects: ['customers'],
    purposes: [
      { purpose: 'Newsletter, promotions and incentive program emails', legalBasis: 'consent', consentPurpose: 'marketing_emails' },
    ],
    locations: [{ country: 'US', transferMechanism: null }],
    privacyPolicyUrl: 'https://mailchimp.com/legal/privacy/',
    dpfParticipant: 'The Rocket Science Group LLC',
    retention: {
      amount: 30,
      unit: 'days',
      trigger: 'consent_withdrawn',
      note: 'Contacts who unsubscribe are permanently deleted 30 days later.',
    },
    owner: 'Marketing',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 7,
    dpaSignedMonthsAgo: 63,
    dpaReference: 'Mailchimp Data Processing Addendum',
    addedMonthsAgo: 110,
  },
  {
    id: 'prc_google_drive',
    kind: 'processor',
    name: 'Google Drive',
    legalEntity: 'Google Ireland Limited (Google Workspace)',
    category: 'file_storage',
    description:
      'File storage by Google, where we keep data temporarily for reporting, customer care, feedback analysis, usability testing, marketing and incentive programs.',
    dataCategories: ['email', 'name', 'usage_data', 'support_messages', 'crm_contact_data'],
    dataSubjects: ['customers'],
    purposes: [
      {
        purpose: 'Working files for reporting, customer care, feedback analysis and usability testing',
        legalBasis: 'legitimate_interest',
        consentPurpose: null,
      },
      { purpose: 'Lists for marketing and incentive programs', legalBasis: 'legitimate_interest', consentPurpose: null },
    ],
    locations: [
      { country: 'IE', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://policies.google.com/privacy',
    dpfParticipant: 'Google LLC',
    retention: { amount: 90, unit: 'days', trigger: 'collection', note: 'Temporary working files are deleted after 90 days.' },
    owner: 'Operations',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 8,
    dpaSignedMonthsAgo: 60,
    dpaReference: 'Google Workspace Cloud Data Processing Addendum',
    addedMonthsAgo: 100,
  },
  {
    id: 'prc_zoom',
    kind: 'processor',
    name: 'Zoom',
    legalEntity: 'Zoom Communications, Inc.',
    category: 'video_calls',
    description:
      'Cloud platform for video calls. With permission we sometimes record calls, only to improve customer care and the sales process; recordings with the name and number are always deleted within 2 weeks.',
    dataCategories: ['name', 'email', 'phone_number', 'call_recordings'],
    dataSubjects: ['customers'],
    purposes: [
      { purpose: 'Sales and support video calls', legalBasis: 'legitimate_interest', consentPurpose: null },
      {
        purpose: 'Recording calls, with permission, to improve customer care and sales',
        legalBasis: 'consent',
        consentPurpose: 'call_recording',
      },
    ],
    locations: [{ country: 'US', transferMechanism: null }],
    privacyPolicyUrl: 'https://zoom.us/privacy',
    dpfParticipant: 'Zoom Communications, Inc.',
    retention: {
      amount: 14,
      unit: 'days',
      trigger: 'recording',
      note: 'Recordings, with the name and number given, are deleted within 2 weeks (policy 5.5).',
    },
    owner: 'Sales',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 4,
    dpaSignedMonthsAgo: 40,
    dpaReference: 'Zoom Global Data Processing Addendum',
    addedMonthsAgo: 60,
  },
  {
    id: 'prc_skype',
    kind: 'processor',
    name: 'Skype',
    legalEntity: 'Skype Communications S.à r.l. (Microsoft)',
    category: 'telephony',
    description:
      'Calling software that temporarily collects only the number of someone who leaves us a message, to call them back and for no other reason.',
    dataCategories: ['phone_number'],
    dataSubjects: ['customers'],
    purposes: [{ purpose: 'Call back people who left us a message', legalBasis: 'legitimate_interest', consentPurpose: null }],
    locations: [
      { country: 'LU', transferMechanism: null },
      { country: 'US', transferMechanism: null },
    ],
    privacyPolicyUrl: 'https://privacy.microsoft.com/en-us/PrivacyStatement',
    dpfParticipant: 'Microsoft Corporation',
    retention: { amount: null, unit: null, trigger: 'call_completed', note: 'The number is deleted after a successful call (policy 5.5).' },
    owner: 'Customer Care',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 9,
    dpaSignedMonthsAgo: 'pending',
    dpaReference: null,
    addedMonthsAgo: 30,
  },
  {
    id: 'prc_storage_us',
    kind: 'own_location',
    name: 'Primary storage (USA)',
    legalEntity: 'ActiveCollab',
    category: 'hosting',
    description:
      'One of our two primary storage locations (policy 5.7): the application database, uploaded files and account records of cloud accounts hosted in the USA.',
    dataCategories: [...customerData],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [
      { purpose: 'Run the Services: cloud accounts, their content and account records', legalBasis: 'contract', consentPurpose: null },
    ],
    locations: [{ country: 'US', transferMechanism: 'scc' }],
    privacyPolicyUrl: null,
    retention: {
      amount: 30,
      unit: 'days',
      trigger: 'account_cancelled',
      note: 'All data of a cancelled account is deleted within 30 days (policy 5.7).',
    },
    owner: 'Engineering',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 3,
    dpaSignedMonthsAgo: null,
    dpaReference: null,
    addedMonthsAgo: 120,
  },
  {
    id: 'prc_storage_ca',
    kind: 'own_location',
    name: 'Primary storage (Canada)',
    legalEntity: 'ActiveCollab',
    category: 'hosting',
    description:
      'One of our two primary storage locations (policy 5.7): the application database, uploaded files and account records of cloud accounts hosted in Canada.',
    dataCategories: [...customerData],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [
      { purpose: 'Run the Services: cloud accounts, their content and account records', legalBasis: 'contract', consentPurpose: null },
    ],
    locations: [{ country: 'CA', transferMechanism: null }],
    privacyPolicyUrl: null,
    retention: {
      amount: 30,
      unit: 'days',
      trigger: 'account_cancelled',
      note: 'All data of a cancelled account is deleted within 30 days (policy 5.7).',
    },
    owner: 'Engineering',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 3,
    dpaSignedMonthsAgo: null,
    dpaReference: null,
    addedMonthsAgo: 120,
  },
  {
    id: 'prc_backup_fr',
    kind: 'own_location',
    name: 'Offsite backup (France)',
    legalEntity: 'ActiveCollab',
    category: 'backup',
    description: 'Encrypted offsite backup of both primary storage locations (policy 5.7), for disaster recovery.',
    dataCategories: [...customerData],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [{ purpose: 'Encrypted offsite backups for disaster recovery', legalBasis: 'legitimate_interest', consentPurpose: null }],
    locations: [{ country: 'FR', transferMechanism: null }],
    privacyPolicyUrl: null,
    // 21 rather than 30 days: a backup taken the day a deletion is approved must roll off inside the 30 days of policy 5.7.
    retention: {
      amount: 21,
      unit: 'days',
      trigger: 'backup_taken',
      note: 'Daily backups roll off after 21 days, so deleted data leaves the backups within the 30 days of policy 5.7.',
    },
    owner: 'Engineering',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 3,
    dpaSignedMonthsAgo: null,
    dpaReference: null,
    addedMonthsAgo: 120,
  },
  {
    id: 'prc_ops_rs',
    kind: 'own_location',
    name: 'Operations (Serbia)',
    legalEntity: 'ActiveCollab',
    category: 'operations',
    description:
      "Our operating facility in Serbia (policy 5.7), outside the EEA: support, billing and engineering staff work with customers' data from here under standard contractual clauses.",
    dataCategories: ['email', 'name', 'billing_address', 'support_messages', 'usage_data'],
    dataSubjects: ['customers', 'billing_representatives'],
    purposes: [
      { purpose: 'Support, billing and engineering work from our operating facility', legalBasis: 'contract', consentPurpose: null },
    ],
    locations: [{ country: 'RS', transferMechanism: 'scc' }],
    privacyPolicyUrl: null,
    retention: {
      amount: 30,
      unit: 'days',
      trigger: 'account_cancelled',
      note: 'Working copies are deleted with the account, within 30 days of cancellation.',
    },
    owner: 'Operations',
    reviewCycleMonths: 12,
    reviewedMonthsAgo: 5,
    dpaSignedMonthsAgo: null,
    dpaReference: null,
    addedMonthsAgo: 120,
  },
];

/** The processors of the policy whose public APIs erase a person: each has a connector, to its sandbox in the demo. */
const connected: Partial<Record<string, ConnectorVendor>> = {
  prc_helpscout: 'helpscout',
  prc_crisp: 'crisp',
  prc_stripe: 'stripe',
  prc_mailchimp: 'mailchimp',
  prc_zoom: 'zoom',
};

/** A seed connector's credentials, in clear: the loaders encrypt them with the key of the store they fill. */
export type SeedConnectorSecret = { processorId: string; vendor: ConnectorVendor; credentials: Readonly<Record<string, string>> };

/** The published sandbox credentials of the connected processors (sandbox-config). */
export function seedConnectorSecrets(): SeedConnectorSecret[] {
  return Object.entries(connected).flatMap(([processorId, vendor]) =>
    vendor ? [{ processorId, vendor, credentials: sandboxCredentials[vendor] }] : [],
  );
}

/**
 * The registry as of `today` (a calendar date), with review and DPA dates placed relative to it. The
 * connected processors' connectors point at the vendors' sandboxes, configured by `configuredBy` at `now`.
 */
export function seedProcessors(
  today: string,
  createdAtOf: (monthsAgo: number) => string,
  configuredBy: ProcessorConnector['configuredBy'],
): Processor[] {
  return entries.map(({ reviewedMonthsAgo, dpaSignedMonthsAgo, dpaReference, addedMonthsAgo, ...p }) => {
    const vendor = connected[p.id];
    const signedOn = typeof dpaSignedMonthsAgo === 'number' ? addMonthsToDate(today, -dpaSignedMonthsAgo) : null;
    const lastReviewedOn = reviewedMonthsAgo === null ? null : addMonthsToDate(today, -reviewedMonthsAgo);
    return {
      ...p,
      dpa: {
        status: dpaSignedMonthsAgo === null ? 'none' : dpaSignedMonthsAgo === 'pending' ? 'pending' : 'signed',
        signedOn,
        reference: dpaReference,
        // Reviewed yearly, on the anniversary of signing.
        nextReview: typeof dpaSignedMonthsAgo === 'number' ? addMonthsToDate(today, 12 - (dpaSignedMonthsAgo % 12)) : null,
      },
      lastReviewedOn,
      version: 1,
      status: 'active',
      noticeEndsAt: null,
      connector: vendor
        ? {
            vendor,
            baseUrl: sandboxBaseUrls[vendor],
            settings: { ...sandboxSettings[vendor] },
            credentialsSet: true,
            configuredAt: createdAtOf(0),
            configuredBy,
          }
        : null,
      createdAt: createdAtOf(addedMonthsAgo),
      updatedAt: createdAtOf(reviewedMonthsAgo ?? addedMonthsAgo),
    } satisfies Processor;
  });
}
