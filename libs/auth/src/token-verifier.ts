import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { AuthConfig } from './auth-config';

/** The token failed verification: its signature, issuer, audience, lifetime or algorithm. Callers learn nothing more. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

/** The issuer could not be reached to learn its keys; the request may succeed later. */
export class IssuerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerUnavailableError';
  }
}

/** What discovery needs of the issuer's metadata. */
interface IssuerMetadata {
  issuer: string;
  jwks_uri: string;
}

/**
 * The issuer's signing keys, found through its discovery document and fetched from its JWKS. jose's
 * remote key set refetches when a token names a key id it has not seen (after a short cooldown), which
 * is how a rotation at the IdP reaches us without a restart.
 */
export class IssuerKeys {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(
    readonly issuer: string,
    private readonly options: { cooldownMs?: number; fetchTimeoutMs?: number } = {},
  ) {}

  /** The key resolver, discovering the JWKS on first use; a failed discovery is retried on the next call. */
  resolver(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let metadata: IssuerMetadata;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5_000) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      metadata = (await response.json()) as IssuerMetadata;
    } catch (error) {
      throw new IssuerUnavailableError(`the identity provider's discovery document at ${url} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    // OIDC Discovery 1.0 §4.3: the document must name the issuer it was fetched for, or it is not that issuer's.
    if (metadata.issuer !== this.issuer) throw new IssuerUnavailableError(`the discovery document at ${url} names issuer ${metadata.issuer}, not ${this.issuer}`);
    if (typeof metadata.jwks_uri !== 'string') throw new IssuerUnavailableError(`the discovery document at ${url} names no jwks_uri`);
    return createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cooldownDuration: this.options.cooldownMs ?? 30_000,
      timeoutDuration: this.options.fetchTimeoutMs ?? 5_000,
    });
  }
}

/** Verifies access tokens for one audience: signature against the issuer's JWKS, allowed algorithms, issuer, audience, exp and nbf. */
export class TokenVerifier {
  constructor(
    private readonly keys: IssuerKeys,
    private readonly audience: string,
    private readonly config: Pick<AuthConfig, 'algorithms' | 'clockToleranceSeconds'>,
  ) {}

  /** The token's claims once every check has passed; throws {@link InvalidTokenError} or {@link IssuerUnavailableError}. */
  async verify(token: string): Promise<JWTPayload & { sub: string }> {
    const resolver = await this.keys.resolver();
    try {
      const { payload } = await jwtVerify(token, resolver, {
        issuer: this.keys.issuer,
        audience: this.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return payload as JWTPayload & { sub: string };
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw new IssuerUnavailableError('the identity provider did not answer for its keys in time');
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
      throw new InvalidTokenError('malformed');
    }
  }
}
