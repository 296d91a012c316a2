import { type BaseClient, Issuer, generators } from 'openid-client';
import type { UiGatewayConfig } from './gateway-config';
import type { PendingSignIn } from './gateway-sessions';

/** What the provider gave back at the callback. */
export interface GatewayTokens {
  accessToken: string;
  expiresAt: number;
}

/** The gateway's redirect URI at the provider. */
export function gatewayCallbackUrl(config: Pick<UiGatewayConfig, 'publicUrl'>): string {
  return new URL('/auth/callback', config.publicUrl).toString();
}

/**
 * The gateway's side of OpenID Connect through `openid-client` (state, nonce, issuer and ID token checked):
 * a public client, authorization code with PKCE (S256), asking access tokens for the casework audience,
 * which the codec server accepts.
 */
export class GatewaySignIn {
  private constructor(
    private readonly client: BaseClient,
    private readonly config: UiGatewayConfig,
  ) {}

  /** Discovers the provider once at start. */
  static async discover(config: UiGatewayConfig): Promise<GatewaySignIn> {
    const issuer = await Issuer.discover(config.issuerUrl);
    const client = new issuer.Client({ client_id: config.clientId, token_endpoint_auth_method: 'none', redirect_uris: [gatewayCallbackUrl(config)], response_types: ['code'] });
    return new GatewaySignIn(client, config);
  }

  /** The provider's authorization URL for a new sign-in, and what the callback will check. */
  begin(returnTo: string): { url: string; pending: PendingSignIn } {
    const pending: PendingSignIn = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier(), returnTo };
    const url = this.client.authorizationUrl({
      scope: 'openid profile',
      resource: this.config.audience,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Completes a sign-in from the callback's query string, checked against the sign-in this browser began. */
  async complete(query: URLSearchParams, pending: PendingSignIn): Promise<GatewayTokens> {
    const params = this.client.callbackParams(`/auth/callback?${query.toString()}`);
    const tokens = await this.client.callback(gatewayCallbackUrl(this.config), params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier });
    if (!tokens.access_token) throw new Error('the provider sent no access token');
    return { accessToken: tokens.access_token, expiresAt: (tokens.expires_at ?? Math.floor(Date.now() / 1000) + 300) * 1000 };
  }
}
