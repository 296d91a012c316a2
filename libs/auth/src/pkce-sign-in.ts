import { type BaseClient, Issuer, generators } from 'openid-client';

/** A browser sign-in under way: what its callback is checked against (state, nonce, PKCE verifier) and the page to return to. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path of the signing-in service, never a full URL, so a sign-in cannot send anyone elsewhere. */
  returnTo: string;
}

/** What the provider gave back at the callback: the tokens and when the access token expires (epoch milliseconds). */
export interface SignInTokens {
  accessToken: string;
  idToken?: string;
  expiresAt: number;
}

/** Who a public client is at its provider: the issuer, its client id, the audience its access tokens are for, and its callback. */
export interface PkceClientSettings {
  issuerUrl: string;
  clientId: string;
  audience: string;
  redirectUri: string;
}

/** Seconds an access token is taken to live when the provider's answer says nothing of its expiry. */
const ASSUMED_LIFETIME_SECONDS = 300;

/**
 * A public OpenID Connect client that signs people in in a browser, through `openid-client` (a kept library:
 * it checks the state, the nonce, the issuer and the ID token's signature against the provider's JWKS):
 * authorization code with PKCE (S256), no secret, access tokens asked for one audience. The console and the
 * Temporal Web UI's gateway both sign people in with it.
 */
export class PkceSignIn {
  private constructor(
    private readonly client: BaseClient,
    private readonly settings: PkceClientSettings,
  ) {}

  /** Discovers the provider (its metadata and JWKS location) once, at start. */
  static async discover(settings: PkceClientSettings): Promise<PkceSignIn> {
    const issuer = await Issuer.discover(settings.issuerUrl);
    const client = new issuer.Client({ client_id: settings.clientId, token_endpoint_auth_method: 'none', redirect_uris: [settings.redirectUri], response_types: ['code'] });
    return new PkceSignIn(client, settings);
  }

  /** Starts a sign-in: the provider's authorization URL, and what the callback will be checked against. */
  begin(returnTo: string): { url: string; pending: PendingSignIn } {
    const pending: PendingSignIn = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier(), returnTo };
    const url = this.client.authorizationUrl({
      scope: 'openid profile',
      resource: this.settings.audience,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Completes a sign-in from its callback's query string; throws when the answer does not belong to `pending` or brings no access token. */
  async complete(query: URLSearchParams, pending: PendingSignIn): Promise<SignInTokens> {
    const params = this.client.callbackParams(`${new URL(this.settings.redirectUri).pathname}?${query.toString()}`);
    const tokens = await this.client.callback(this.settings.redirectUri, params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier });
    if (!tokens.access_token) throw new Error('the provider sent no access token');
    const expiresAt = (tokens.expires_at ?? Math.floor(Date.now() / 1000) + ASSUMED_LIFETIME_SECONDS) * 1000;
    return { accessToken: tokens.access_token, ...(tokens.id_token ? { idToken: tokens.id_token } : {}), expiresAt };
  }

  /** The provider's sign-out address, which sends the person back to `postLogoutRedirectUri` afterwards. */
  endSessionUrl(postLogoutRedirectUri: string, idToken: string | undefined): string {
    return this.client.endSessionUrl({ post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) });
  }
}
