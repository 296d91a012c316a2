import type { AddressInfo, Server } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { type JWK, type JWTPayload, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';


/** A key the issuer signs with, as its JWKS publishes it. */
interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/** What a test asks to be signed: any claims, and overrides of the header or lifetime to make bad tokens. */
export interface TestTokenOptions {
  claims: JWTPayload & { sub: string };
  audience: string;
  /** Seconds from now; negative for an expired token. Default 300. */
  expiresIn?: number;
  /** Seconds from now for `nbf`, when set. */
  notBefore?: number;
  issuer?: string;
}

/**
 * A real issuer for specs that cannot reach the stack's OIDC provider: a discovery document and JWKS
 * served over HTTP on a free loopback port, and RS256 tokens signed with its current key. `rotate()`
 * adds a new signing key (the old one stays published), as an IdP does during a rotation.
 */
export class TestIssuer {
  private keys: SigningKey[] = [];

  private server?: Server;
  private url = '';

  private constructor() {}

  /** The issuer URL, as its tokens name it. */
  get issuer(): string {
    return this.url;
  }

  /** Starts the issuer's HTTP endpoints with one signing key. */
  static async start(): Promise<TestIssuer> {
    const self = new TestIssuer();
    const server = createHttpServer((request, response) => {
      const body =
        request.url === '/.well-known/openid-configuration'
          ? { issuer: self.issuer, jwks_uri: `${self.issuer}/jwks` }
          : request.url === '/jwks'
            ? { keys: self.keys.map((key) => key.publicJwk) }
            : undefined;
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self.server = server;
    self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await self.rotate();
    return self;
  }

  /** Adds a new signing key and signs with it from now on; earlier keys stay in the JWKS. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `test-key-${this.keys.length + 1}`;
    this.keys.unshift({ kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } });
    return kid;
  }

  /** Drops every key but the current one from the JWKS, as an IdP does once a rotation is over. */
  retireOldKeys(): void {
    this.keys = this.keys.slice(0, 1);
  }

  /** A signed access token with the given claims. */
  async token(options: TestTokenOptions): Promise<string> {
    const key = this.keys[0];
    if (!key) throw new Error('the test issuer has no key');
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(options.claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  /** Environment that points a service's `AuthModule` at this issuer. */
  environment(): Record<string, string> {
    return { OIDC_ISSUER_URL: this.issuer, OIDC_AUDIENCE: 'urn:oioo:casework', OIDC_SERVICE_AUDIENCE: 'urn:oioo:services' };
  }

  /** A token for a platform process (client credentials), for the services audience. */
  serviceToken(clientId: string): Promise<string> {
    return this.token({ claims: { sub: clientId, client_id: clientId, scope: 'services' }, audience: 'urn:oioo:services' });
  }

  /** Stops the HTTP endpoints. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
