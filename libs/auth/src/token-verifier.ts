import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { AuthConfig } from './auth-config';
import { DiscoveryError, readDiscoveryDocument } from './discovery';

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
    let document: Record<string, unknown>;
    try {
      document = await readDiscoveryDocument(this.issuer, this.options.fetchTimeoutMs ?? 5_000);
    } catch (error) {
      throw error instanceof DiscoveryError ? new IssuerUnavailableError(error.message) : error;
    }
    if (typeof document['jwks_uri'] !== 'string') throw new IssuerUnavailableError(`the discovery document of ${this.issuer} names no jwks_uri`);
    return createRemoteJWKSet(new URL(document['jwks_uri']), {
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
