// The server project's test OpenID provider (a webServer of playwright.config.ts): the same provider the
// vitest flow (server/oidc.test.ts) signs in at, here on a fixed port for the browser.
import { startTestProvider } from '../server/oidc-test-provider';
import { serverPort, ssoIdentities, ssoIssuer } from './sso-identities';

const provider = await startTestProvider(ssoIdentities, {
  port: Number(new URL(ssoIssuer).port),
  consoleOrigin: `http://localhost:${serverPort}`,
});
console.log(`Test OpenID provider at ${provider.issuer}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
