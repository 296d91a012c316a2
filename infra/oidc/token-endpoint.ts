import { SERVICES_SCOPE } from './oidc-contract';

/** The parts of a provider's discovery document a client needs. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** The provider refused a sign-in or a token request (wrong password, unknown person or client, a refused audience); the message says which. */
export class LoginRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoginRefusedError';
  }
}

/** Reads the provider's discovery document. */
export async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
  return (await response.json()) as ProviderMetadata;
}

/** A token endpoint's successful answer, the fields used here. */
export interface TokenResponse {
  access_token: string;
  id_token?: string;
  expires_in: number;
}

/** Posts a form to a token endpoint; an error answer becomes a LoginRefusedError carrying its error code. */
export async function tokenRequest(endpoint: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenResponse> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new LoginRefusedError(`the token endpoint answered ${response.status}: ${body.error ?? 'no error code'}${body.error_description ? ` (${body.error_description})` : ''}`);
  }
  return { access_token: body.access_token, expires_in: Number(body.expires_in), ...(body.id_token ? { id_token: body.id_token } : {}) };
}

/** A service client's credentials and what it asks for. */
export interface ClientCredentialsOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the provider's audience for the client (`urn:oioo:services` for service clients). */
  resource?: string;
  /** Defaults to `services`. */
  scope?: string;
}

/** A service-to-service access token (client_credentials, the client authenticated with HTTP Basic). */
export async function clientCredentialsToken(options: ClientCredentialsOptions): Promise<{ accessToken: string; expiresIn: number }> {
  const metadata = await discover(options.issuer);
  // RFC 6749 2.3.1: id and secret are form-encoded before they are joined for Basic.
  const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64');
  const body = await tokenRequest(
    metadata.token_endpoint,
    { grant_type: 'client_credentials', scope: options.scope ?? SERVICES_SCOPE, ...(options.resource ? { resource: options.resource } : {}) },
    { authorization: `Basic ${basic}` },
  );
  return { accessToken: body.access_token, expiresIn: body.expires_in };
}
