import { type BaseClient, Issuer, generators } from 'openid-client';
import { type ConsoleConfig, callbackUrl, signedOutUrl } from '../config/console-config';
import { type PendingSignIn } from '../session/console-session';

/** What the provider gave back at the callback: the tokens and when the access token expires. */
export interface SignInTokens {
  accessToken: string;
  idToken?: string;
  expiresAt: number;
}

/** A callback that does not belong to the sign-in under way (replayed, forged, or an error from the provider). */
export class SignInFailedError extends Error {
  constructor(reason: string) {
    super(`sign-in failed: ${reason}`);
    this.name = 'SignInFailedError';
  }
}

/** What the console asks of its OpenID Connect provider: start a sign-in, complete it, and where to sign out. */
export interface SignInProvider {
  begin(returnTo: string): { url: string; pending: PendingSignIn };
  complete(query: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<SignInTokens>;
  signOutUrl(idToken: string | undefined): string;
}

/**
 * The console's side of OpenID Connect, through `openid-client` (a kept library: it checks the state,
 * the nonce, the issuer and the ID token's signature against the provider's JWKS). The console is a
 * public client: authorization code with PKCE (S256), no secret, and it asks for access tokens for the
 * casework API's audience.
 */
export class ConsoleOidcClient implements SignInProvider {
  private constructor(
    private readonly client: BaseClient,
    private readonly config: ConsoleConfig,
  ) {}

  /** Discovers the provider (its metadata and JWKS location) once at start. */
  static async discover(config: ConsoleConfig): Promise<ConsoleOidcClient> {
    const issuer = await Issuer.discover(config.issuerUrl);
    const client = new issuer.Client({ client_id: config.clientId, token_endpoint_auth_method: 'none', redirect_uris: [callbackUrl(config)], response_types: ['code'] });
    return new ConsoleOidcClient(client, config);
  }

  /** Starts a sign-in: the provider's authorization URL, and what the callback will check. */
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

  /** Completes a sign-in from the callback's query, checked against the pending sign-in. */
  async complete(query: Record<string, unknown>, pending: PendingSignIn | undefined): Promise<SignInTokens> {
    if (!pending) throw new SignInFailedError('no sign-in was started in this browser session');
    try {
      const params = this.client.callbackParams(`/auth/callback?${new URLSearchParams(query as Record<string, string>)}`);
      const tokens = await this.client.callback(callbackUrl(this.config), params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier });
      if (!tokens.access_token) throw new SignInFailedError('the provider sent no access token');
      return { accessToken: tokens.access_token, ...(tokens.id_token ? { idToken: tokens.id_token } : {}), expiresAt: (tokens.expires_at ?? Math.floor(Date.now() / 1000) + 300) * 1000 };
    } catch (error) {
      if (error instanceof SignInFailedError) throw error;
      throw new SignInFailedError(error instanceof Error ? error.message : 'the provider\'s answer could not be checked');
    }
  }

  /** Where to send someone to sign out at the provider too, then back to the console's signed-out page. */
  signOutUrl(idToken: string | undefined): string {
    return this.client.endSessionUrl({ post_logout_redirect_uri: signedOutUrl(this.config), ...(idToken ? { id_token_hint: idToken } : {}) });
  }
}
