import { z } from 'zod';
import { id, instant, requiredText } from './common';

/**
 * Connectors erase a person's records at a processor through the processor's public API (issue 15). What
 * an officer configures per processor is described here once: the form draws its fields from the
 * catalogue, the API checks the body with `setConnector`, and the connectors (src/api/connectors) read the
 * same field names.
 */
export const connectorVendors = ['helpscout', 'crisp', 'stripe', 'mailchimp', 'zoom'] as const;
export const connectorVendor = z.enum(connectorVendors);
export type ConnectorVendor = z.infer<typeof connectorVendor>;

/** One value an officer enters: a secret (stored encrypted, never answered) or a setting. */
export type ConnectorField = { name: string; label: string; secret: boolean; hint: string };

export type ConnectorDescription = {
  label: string;
  /** The vendor's documented API root, for the officer's information (MailChimp's depends on the key). */
  productionBaseUrl: string;
  /** Where the vendor documents how to get the credentials. */
  docsUrl: string;
  fields: readonly ConnectorField[];
};

export const connectorCatalogue = {
  helpscout: {
    label: 'Help Scout (Mailbox API 2.0)',
    productionBaseUrl: 'https://api.helpscout.net/v2',
    docsUrl: 'https://developer.helpscout.com/mailbox-api/overview/authentication/',
    fields: [
      { name: 'appId', label: 'App ID', secret: true, hint: 'From Your Profile > My Apps: a private app (client credentials flow).' },
      { name: 'appSecret', label: 'App secret', secret: true, hint: 'Shown with the App ID.' },
    ],
  },
  crisp: {
    label: 'Crisp (REST API v1)',
    productionBaseUrl: 'https://api.crisp.chat/v1',
    docsUrl: 'https://docs.crisp.chat/guides/rest-api/authentication/',
    fields: [
      { name: 'websiteId', label: 'Website ID', secret: false, hint: 'Settings > Website settings > Setup instructions.' },
      { name: 'identifier', label: 'Token identifier', secret: true, hint: 'The plugin token of a Marketplace plugin (tier "plugin").' },
      { name: 'key', label: 'Token key', secret: true, hint: 'Shown with the identifier.' },
    ],
  },
  stripe: {
    label: 'Stripe',
    productionBaseUrl: 'https://api.stripe.com/v1',
    docsUrl: 'https://docs.stripe.com/keys',
    fields: [
      {
        name: 'secretKey',
        label: 'Secret or restricted key',
        secret: true,
        hint: 'A restricted key (rk_...) with write access to Customers is enough.',
      },
    ],
  },
  mailchimp: {
    label: 'MailChimp (Marketing API 3.0)',
    productionBaseUrl: 'https://<dc>.api.mailchimp.com/3.0',
    docsUrl: 'https://mailchimp.com/developer/marketing/guides/quick-start/',
    fields: [
      { name: 'audienceId', label: 'Audience ID', secret: false, hint: 'Audience > Settings > Audience name and defaults.' },
      { name: 'apiKey', label: 'API key', secret: true, hint: 'Ends with the data center, e.g. -us6.' },
    ],
  },
  zoom: {
    label: 'Zoom (Server-to-Server OAuth)',
    productionBaseUrl: 'https://api.zoom.us/v2',
    docsUrl: 'https://developers.zoom.us/docs/internal-apps/s2s-oauth/',
    fields: [
      { name: 'accountId', label: 'Account ID', secret: true, hint: 'From the Server-to-Server OAuth app’s credentials.' },
      { name: 'clientId', label: 'Client ID', secret: true, hint: 'Scopes: user:read:admin, recording:read:admin, recording:write:admin.' },
      { name: 'clientSecret', label: 'Client secret', secret: true, hint: 'Shown with the client ID.' },
    ],
  },
} as const satisfies Record<ConnectorVendor, ConnectorDescription>;

const value = requiredText(500);
/** Credentials whose every field was left empty: the stored ones are kept. */
const keepWhenBlank = (input: unknown) =>
  typeof input === 'object' && input !== null && Object.values(input).every((v) => typeof v === 'string' && v.trim() === '')
    ? undefined
    : input;
const credentialsOf = <S extends z.ZodRawShape>(shape: S) => z.preprocess(keepWhenBlank, z.strictObject(shape).optional());
/** Where the connector calls instead of the production API (a sandbox, a test server); null for production. */
const baseUrl = z
  .url({ protocol: /^https?$/, error: 'Enter a web address starting with https://' })
  .max(300)
  .nullable();

/**
 * The body that configures a processor's connector. `credentials` replace the stored ones; left out (or
 * left empty) the stored ones are kept, if they are this vendor's.
 */
export const setConnector = z.discriminatedUnion('vendor', [
  z.strictObject({
    vendor: z.literal('helpscout'),
    baseUrl,
    settings: z.strictObject({}),
    credentials: credentialsOf({ appId: value, appSecret: value }),
  }),
  z.strictObject({
    vendor: z.literal('crisp'),
    baseUrl,
    settings: z.strictObject({ websiteId: value }),
    credentials: credentialsOf({ identifier: value, key: value }),
  }),
  z.strictObject({
    vendor: z.literal('stripe'),
    baseUrl,
    settings: z.strictObject({}),
    credentials: credentialsOf({
      secretKey: value.regex(/^(sk|rk)_(live|test)_\S+$/, 'A Stripe secret key starts with sk_live_, sk_test_, rk_live_ or rk_test_'),
    }),
  }),
  z.strictObject({
    vendor: z.literal('mailchimp'),
    baseUrl,
    settings: z.strictObject({ audienceId: value }),
    credentials: credentialsOf({
      apiKey: value.regex(/^\S+-[a-z]+\d+$/, 'A MailChimp API key ends with its data center, like -us6'),
    }),
  }),
  z.strictObject({
    vendor: z.literal('zoom'),
    baseUrl,
    settings: z.strictObject({}),
    credentials: credentialsOf({ accountId: value, clientId: value, clientSecret: value }),
  }),
]);
export type SetConnector = z.infer<typeof setConnector>;

/** A processor's connector as the registry shows it: never its credentials, only whether they are set. */
export const processorConnector = z.object({
  vendor: connectorVendor,
  baseUrl: z.string().nullable(),
  settings: z.record(z.string(), z.string()),
  credentialsSet: z.boolean(),
  configuredAt: instant,
  configuredBy: z.object({ id, name: z.string() }),
});
export type ProcessorConnector = z.infer<typeof processorConnector>;

/**
 * One HTTP call to a vendor, as evidence: the URL carries neither credentials nor the person's email (it
 * reads `<subject>` where the email was); `status` is null when no answer came (a network failure).
 */
export const evidenceCall = z.object({
  at: instant,
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  requestId: z.string().nullable(),
});
export type EvidenceCall = z.infer<typeof evidenceCall>;

/** The read after the deletions that shows nothing is left. */
export const erasureVerification = z.object({
  at: instant,
  /** `not_found`: each record read answers 404; `empty_search`: a search by email finds nothing; `marked_deleted`: the vendor answers the record as deleted (Stripe). */
  method: z.enum(['not_found', 'empty_search', 'marked_deleted']),
  calls: z.array(evidenceCall),
});
export type ErasureVerification = z.infer<typeof erasureVerification>;

/** What "test connection" answers: whether a harmless authenticated call succeeded, or the vendor's answer. */
export const connectorTestResult = z.object({
  ok: z.boolean(),
  /** The vendor's HTTP status; null when it could not be reached. */
  status: z.number().int().nullable(),
  message: z.string(),
  testedAt: instant,
  calls: z.array(evidenceCall),
});
export type ConnectorTestResult = z.infer<typeof connectorTestResult>;
