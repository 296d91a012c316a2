import { createHash, randomBytes } from 'node:crypto';
import { CookieJar } from './cookie-jar';
import { LOGIN_FIELDS } from './login-page';
import { PERSON_SCOPE } from './oidc-contract';
import { LoginRefusedError, type ProviderMetadata, discover, tokenRequest } from './token-endpoint';

// The token endpoint's parts are part of this module's interface: tests and the token command import them from here.
export { type ClientCredentialsOptions, LoginRefusedError, type ProviderMetadata, clientCredentialsToken, discover } from './token-endpoint';

/** Who signs in, at which provider, through which client, and for what. */
export interface PkceLoginOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  /** The audience the access token is for; the provider's default for the client when absent. */
  resource?: string;
  /** Defaults to `openid profile casework`. */
  scope?: string;
}

/** What a sign-in yields. */
export interface PersonTokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

/** Longest chain of redirects followed before giving up, so a loop cannot hang the caller. */
const MAX_HOPS = 12;

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** The visible text of an HTML page, short, for error messages. */
function pageText(html: string): string {
  const text = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>|<p class="local">[\s\S]*?<\/p>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/** True when the URL is the client's redirect URI (with any query), where the flow ends. */
function isRedirectUri(url: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return url.origin === expected.origin && url.pathname === expected.pathname;
}

/**
 * Signs a person in as a browser would, over plain HTTP: the authorization request with a PKCE (S256)
 * challenge, the provider's login page, the form post, the redirects (consent is automatic for the
 * platform's clients), and the code from the final redirect to `redirectUri`, which is never fetched,
 * so nothing needs to listen there; then the code exchange with the verifier.
 */
export async function loginWithPkce(options: PkceLoginOptions): Promise<PersonTokens> {
  const metadata = await discover(options.issuer);
  const jar = new CookieJar();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorization = new URL(metadata.authorization_endpoint);
  authorization.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? PERSON_SCOPE,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    ...(options.resource ? { resource: options.resource } : {}),
  }).toString();

  const request = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const cookie = jar.header();
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
    });
    jar.store(response.headers);
    return response;
  };

  let response = await request(authorization);
  let url = authorization;
  let submitted = false;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (isRedirectUri(next, options.redirectUri)) return exchangeCode(metadata, options, next, state, verifier);
      url = next;
      response = await request(next);
      continue;
    }
    const html = await response.text();
    if (submitted || response.status !== 200) {
      if (response.status === 401) throw new LoginRefusedError(`the provider refused ${options.username}: wrong username or password`);
      throw new LoginRefusedError(`the provider answered ${response.status} at ${url.pathname}: ${pageText(html)}`);
    }
    const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
    if (!action) throw new LoginRefusedError(`expected the login page at ${url.pathname}, got: ${pageText(html)}`);
    url = new URL(action, url);
    submitted = true;
    response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [LOGIN_FIELDS.username]: options.username, [LOGIN_FIELDS.password]: options.password }).toString(),
    });
  }
  throw new LoginRefusedError(`gave up after ${MAX_HOPS} redirects without reaching ${options.redirectUri}`);
}

/** Checks the authorization response (state, issuer, error) and trades the code and verifier for tokens. */
async function exchangeCode(metadata: ProviderMetadata, options: PkceLoginOptions, callback: URL, state: string, verifier: string): Promise<PersonTokens> {
  const params = callback.searchParams;
  const error = params.get('error');
  if (error) throw new LoginRefusedError(`the provider refused the sign-in: ${error}${params.get('error_description') ? ` (${params.get('error_description')})` : ''}`);
  if (params.get('state') !== state) throw new LoginRefusedError('the authorization response carried another state');
  // RFC 9207: the response says which issuer sent it, so a code cannot be swapped in from another provider.
  if (params.has('iss') && params.get('iss') !== metadata.issuer) throw new LoginRefusedError(`the authorization response came from ${params.get('iss')}`);
  const code = params.get('code');
  if (!code) throw new LoginRefusedError('the authorization response carried no code');
  const body = await tokenRequest(metadata.token_endpoint, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: options.redirectUri,
    client_id: options.clientId,
    code_verifier: verifier,
    ...(options.resource ? { resource: options.resource } : {}),
  });
  return { accessToken: body.access_token, ...(body.id_token ? { idToken: body.id_token } : {}), expiresIn: body.expires_in };
}
