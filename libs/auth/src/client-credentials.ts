import { z } from 'zod';
import { parseConfig } from '@oioo/config';
import { DiscoveryError, messageOf, readDiscoveryDocument } from './discovery';

/**
 * Where a caller gets the bearer token it sends. {@link ClientCredentialsTokenSource} is the real one;
 * specs pass anything with a `token()` (a TestIssuer's service token, say).
 */
export interface AccessTokenSource {
  /** A bearer access token that is valid now. */
  token(): Promise<string>;
  /**
   * The called service refused `rejected` (401): forget it, so the next `token()` asks the provider
   * again. A token already replaced by a newer one is left alone.
   */
  invalidate?(rejected: string): void;
}

/** What a platform process needs to get its own service-to-service tokens (OAuth 2.0 client credentials). */
export interface ClientCredentialsConfig {
  /** The OpenID Connect issuer; its discovery document names the token endpoint. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The resource (RFC 8707) the token is for, which becomes its audience. */
  audience: string;
  /** The scope asked for. */
  scope: string;
}

const clientCredentialsSchema = z.object({
  /** The OpenID Connect issuer; `.well-known/openid-configuration` under it names the token endpoint. */
  OIDC_ISSUER_URL: z.url(),
  /** This process's client id at the provider (`svc-worker`, ...). */
  OIDC_CLIENT_ID: z.string().trim().min(1, 'is required: this process\'s client id at the identity provider'),
  /** Its client secret, sent with HTTP Basic authentication to the token endpoint only. */
  OIDC_CLIENT_SECRET: z.string().min(1, 'is required: the client secret the identity provider holds for OIDC_CLIENT_ID'),
  /** The resource the tokens are for: the services' audience. */
  OIDC_SERVICE_AUDIENCE: z.string().min(1).default('urn:oioo:services'),
  /** The scope asked for with each token. */
  OIDC_SERVICE_SCOPE: z.string().min(1).default('services'),
});

/** Parses `OIDC_ISSUER_URL`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET` (and the optional audience and scope) once at start; a missing or bad one stops the process naming it. */
export function loadClientCredentialsConfig(env: Record<string, string | undefined> = process.env, app = 'auth'): ClientCredentialsConfig {
  const parsed = parseConfig(app, clientCredentialsSchema, env);
  return {
    issuer: parsed.OIDC_ISSUER_URL,
    clientId: parsed.OIDC_CLIENT_ID,
    clientSecret: parsed.OIDC_CLIENT_SECRET,
    audience: parsed.OIDC_SERVICE_AUDIENCE,
    scope: parsed.OIDC_SERVICE_SCOPE,
  };
}

/**
 * No token could be had: the provider could not be reached, refused the client (`invalid_client` on a
 * wrong secret), or answered something that is not a token. The message says which, never the secret.
 */
export class TokenRequestError extends Error {
  constructor(
    message: string,
    /** The token endpoint's HTTP status, when it answered. */
    readonly status?: number,
    /** The OAuth error code it answered (`invalid_client`, `invalid_scope`, `invalid_target`, ...). */
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

/** Tuning of a {@link ClientCredentialsTokenSource}; the defaults suit production. */
export interface ClientCredentialsOptions {
  /** A token is replaced this long before it expires (at most half its lifetime), so it never expires in flight. Default 30 s. */
  refreshBeforeExpirySeconds?: number;
  /** How long discovery and the token request may take. Default 10 s. */
  timeoutMs?: number;
  /** The clock, in milliseconds; for specs. */
  now?: () => number;
}

const discoverySchema = z.object({ token_endpoint: z.url() });
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.coerce.number().positive().optional(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Lifetime assumed when the provider does not say (RFC 6749 makes `expires_in` only recommended). */
const DEFAULT_LIFETIME_SECONDS = 60;

interface CachedToken {
  value: string;
  /** When to stop handing it out and get the next one (ms since the epoch). */
  refreshAt: number;
}

/**
 * A platform process's own access token, by the client credentials grant (RFC 6749 §4.4) with
 * `client_secret_basic`. The token endpoint is found through the issuer's discovery document; the
 * token is cached until shortly before it expires, and callers that ask while a request is under way
 * share it (one request, however many activities want a token at once). A failure is not cached: the
 * next call tries again.
 */
export class ClientCredentialsTokenSource implements AccessTokenSource {
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;
  private tokenEndpoint?: Promise<string>;
  private readonly refreshBeforeMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly config: ClientCredentialsConfig,
    options: ClientCredentialsOptions = {},
  ) {
    this.refreshBeforeMs = (options.refreshBeforeExpirySeconds ?? 30) * 1000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The client this source gets tokens for. */
  get clientId(): string {
    return this.config.clientId;
  }

  /** A token valid for a while yet: the cached one, or a new one from the provider. Throws {@link TokenRequestError}. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.value;
    this.inFlight ??= this.request().finally(() => {
      this.inFlight = undefined;
    });
    return (await this.inFlight).value;
  }

  invalidate(rejected: string): void {
    if (this.cached?.value === rejected) this.cached = undefined;
  }

  private async request(): Promise<CachedToken> {
    const endpoint = await this.discoverTokenEndpoint();
    // The lifetime counts from before the request, so network time only makes the token look older than it is.
    const requestedAt = this.now();
    const credentials = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: this.config.audience, scope: this.config.scope }).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TokenRequestError(`${this.config.clientId} could not reach the token endpoint ${endpoint}: ${messageOf(error)}`);
    }
    const body = safeJson(await response.text().catch(() => ''));
    if (!response.ok) {
      const refusal = oauthErrorSchema.safeParse(body);
      const oauthError = refusal.success ? refusal.data.error : undefined;
      const said = refusal.success ? ` ${refusal.data.error}${refusal.data.error_description ? ` (${refusal.data.error_description})` : ''}` : '';
      const hint = response.status === 401 || oauthError === 'invalid_client' ? '; check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET' : '';
      throw new TokenRequestError(`the token endpoint ${endpoint} refused ${this.config.clientId}: ${response.status}${said}${hint}`, response.status, oauthError);
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new TokenRequestError(`the token endpoint ${endpoint} answered ${this.config.clientId} with no usable token (${fields})`, response.status);
    }
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000;
    const token = { value: parsed.data.access_token, refreshAt: requestedAt + lifetimeMs - Math.min(this.refreshBeforeMs, lifetimeMs / 2) };
    this.cached = token;
    return token;
  }

  /** The token endpoint from the issuer's discovery document, read once; a failed read is tried again next time. */
  private discoverTokenEndpoint(): Promise<string> {
    this.tokenEndpoint ??= this.discover().catch((error: unknown) => {
      this.tokenEndpoint = undefined;
      throw error;
    });
    return this.tokenEndpoint;
  }

  private async discover(): Promise<string> {
    let document: Record<string, unknown>;
    try {
      document = await readDiscoveryDocument(this.config.issuer, this.timeoutMs);
    } catch (error) {
      throw error instanceof DiscoveryError ? new TokenRequestError(error.message) : error;
    }
    const endpoint = discoverySchema.safeParse(document);
    if (!endpoint.success) throw new TokenRequestError(`the discovery document of ${this.config.issuer} names no token_endpoint`);
    return endpoint.data.token_endpoint;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
