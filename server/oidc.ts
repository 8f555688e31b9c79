import * as oidc from 'openid-client';
import type { Role } from '@/api/contract/roles';
import type { SsoClaims, SsoClient, SsoPending } from '@/api/deps';
import { SsoError } from '@/api/deps';

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's label. */
  name: string;
  createRole: Role | null;
  /** Tests only: an issuer on plain http (a provider on localhost). Refused in production by the config. */
  allowHttp?: boolean;
};

/**
 * Single sign-on with openid-client: the authorization code flow with PKCE (S256), a state and a nonce,
 * the client authenticated with its secret. The provider's metadata is discovered on first use and kept;
 * a failed discovery is tried again on the next sign-in.
 */
export function createOidcClient(settings: OidcSettings): SsoClient & { discover(): Promise<void> } {
  let configuration: Promise<oidc.Configuration> | null = null;
  const discover = () => {
    configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        ...(settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };

  return {
    name: settings.name,
    createRole: settings.createRole,
    async discover() {
      await discover();
    },
    async start(redirectUri) {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch (error) {
        throw new SsoError('provider', `discovery of ${settings.issuer} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const pending: SsoPending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },
    async finish(callbackUrl, pending): Promise<SsoClaims> {
      // Checked here first, so a wrong state is told apart from a refusal by the provider.
      if (callbackUrl.searchParams.get('state') !== pending.state) throw new SsoError('state', 'the state does not match');
      const providerError = callbackUrl.searchParams.get('error');
      if (providerError) throw new SsoError('provider', `the provider answered ${providerError}`);
      try {
        const config = await discover();
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new Error('no ID token');
        // Providers put email claims in the ID token, or only in the userinfo answer: the latter is asked.
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
        const email = typeof info.email === 'string' ? info.email : typeof idToken.email === 'string' ? idToken.email : null;
        const verified = info.email_verified ?? idToken.email_verified;
        return {
          subject: idToken.sub,
          email,
          emailVerified: verified === true || verified === 'true',
          name: typeof info.name === 'string' ? info.name : null,
        };
      } catch (error) {
        const code = error instanceof oidc.ResponseBodyError ? error.error : error instanceof Error ? error.message : String(error);
        throw new SsoError('provider', code);
      }
    },
  };
}
