import type { TestIdentity } from '../server/oidc-test-provider';

/**
 * The test OpenID provider of the server project's browser run (e2e/sso-provider.ts starts it): where it
 * listens (E2E_OIDC_PORT, else 1000 above the console's port, so side-by-side checkouts do not meet) and
 * who can sign in at it.
 */
export const serverPort = process.env.E2E_SERVER_PORT ?? '8091';
const providerPort = Number(process.env.E2E_OIDC_PORT ?? Number(serverPort) + 1000);
export const ssoIssuer = `http://127.0.0.1:${providerPort}`;
export const ssoName = 'Test IdP';

export const ssoIdentities: Record<'auditor' | 'stranger', TestIdentity> = {
  // The seeded auditor's email, verified by the provider.
  auditor: { email: 'auditor@demo.test', emailVerified: true, name: 'Ada at the IdP' },
  stranger: { email: 'stranger@example.test', emailVerified: true, name: 'Sam Stranger' },
};
