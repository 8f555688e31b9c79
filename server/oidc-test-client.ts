/**
 * The console as a client of the test OpenID provider (server/oidc-test-provider.ts), apart from it so
 * playwright.config.ts can hand it to the server without loading the provider.
 */
export const TEST_CLIENT = { id: 'privacy-console', secret: 'a-client-secret-only-tests-know' };
