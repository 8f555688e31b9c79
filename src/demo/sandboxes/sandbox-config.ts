import type { ConnectorVendor } from '@/api/contract/connectors';

/**
 * Where the demo's vendor sandboxes answer, and the credentials they accept. None of this is secret: like
 * the demo password, it is published, and works only against the sandboxes (`.test` is a reserved name
 * that no real host answers to). The demo seed configures the policy's processors with these.
 */
export const sandboxBaseUrls: Record<ConnectorVendor, string> = {
  helpscout: 'https://helpscout.sandbox.test/v2',
  crisp: 'https://crisp.sandbox.test/v1',
  stripe: 'https://stripe.sandbox.test/v1',
  mailchimp: 'https://mailchimp.sandbox.test/3.0',
  zoom: 'https://zoom.sandbox.test/v2',
};

export const sandboxCredentials: Record<ConnectorVendor, Readonly<Record<string, string>>> = {
  helpscout: { appId: 'sandbox-helpscout-app', appSecret: 'sandbox-helpscout-secret' },
  crisp: { identifier: 'sandbox-crisp-identifier', key: 'sandbox-crisp-key' },
  stripe: { secretKey: 'sk_test_sandbox_privacy_console' },
  mailchimp: { apiKey: 'sandboxmailchimpkey0000-us6' },
  zoom: { accountId: 'sandbox-zoom-account', clientId: 'sandbox-zoom-client', clientSecret: 'sandbox-zoom-secret' },
};

export const sandboxSettings: Record<ConnectorVendor, Readonly<Record<string, string>>> = {
  helpscout: {},
  crisp: { websiteId: '8c842203-7ed8-4e29-a608-7cf78a7d2fcc' },
  stripe: {},
  mailchimp: { audienceId: 'sandbox01' },
  zoom: {},
};
