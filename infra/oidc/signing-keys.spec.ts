import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { ensureCookieKeys } from './cookie-keys';
import { RETAINED_SIGNING_KEYS, type SigningJwk, ensureSigningKeys, rotateSigningKeys, signingKeysFile } from './signing-keys';

function keysDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'oidc-keys-')), 'oidc');
}

/** The JWKS the provider publishes: the public halves, in the same order. */
function published(keys: readonly SigningJwk[]) {
  return { keys: keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) };
}

async function signWith(key: SigningJwk): Promise<string> {
  return new SignJWT({ sub: 'cw_01ALICE0000000000000' }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuer('local').setExpirationTime('5m').sign(await importJWK(key, 'RS256'));
}

describe('the provider signing keys', () => {
  it('are made once (one private RS256 key with a kid, mode 0600) and reused, so tokens outlive a restart', () => {
    const dir = keysDir();
    const first = ensureSigningKeys(dir);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.stringMatching(/^rs256-\d{8}-[0-9a-f]{8}$/), d: expect.any(String) });
    expect(statSync(signingKeysFile(dir)).mode & 0o777).toBe(0o600);
    expect(ensureSigningKeys(dir)).toEqual(first);
  });

  it('rotate: the new key comes first (it signs) and a token signed by the old one still verifies', async () => {
    const dir = keysDir();
    const [old] = ensureSigningKeys(dir).keys as [SigningJwk];
    const oldToken = await signWith(old);
    const rotation = rotateSigningKeys(dir);
    const keys = ensureSigningKeys(dir).keys;
    expect(keys.map((key) => key.kid)).toEqual([rotation.activeKid, old.kid]);
    expect(rotation.retiredKids).toEqual([old.kid]);
    const jwks = createLocalJWKSet(published(keys));
    await expect(jwtVerify(oldToken, jwks, { algorithms: ['RS256'] })).resolves.toMatchObject({ protectedHeader: { kid: old.kid } });
    await expect(jwtVerify(await signWith(keys[0] as SigningJwk), jwks, { algorithms: ['RS256'] })).resolves.toBeDefined();
  });

  it(`keep at most ${RETAINED_SIGNING_KEYS} keys, dropping the oldest`, () => {
    const dir = keysDir();
    const original = ensureSigningKeys(dir).keys[0]?.kid;
    const rotations = Array.from({ length: RETAINED_SIGNING_KEYS }, () => rotateSigningKeys(dir));
    const kids = ensureSigningKeys(dir).keys.map((key) => key.kid);
    expect(kids).toHaveLength(RETAINED_SIGNING_KEYS);
    expect(kids[0]).toBe(rotations.at(-1)?.activeKid);
    expect(kids).not.toContain(original);
    expect(rotations.map((rotation) => rotation.droppedKids)).toEqual([...Array.from({ length: RETAINED_SIGNING_KEYS - 1 }, () => []), [original]]);
  });
});

describe('the cookie keys', () => {
  it('are made once and reused, so a sign-in in progress survives a restart', () => {
    const dir = keysDir();
    const keys = ensureCookieKeys(dir);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.length).toBeGreaterThanOrEqual(32);
    expect(ensureCookieKeys(dir)).toEqual(keys);
  });
});
