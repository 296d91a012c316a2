import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  CASEWORK_AUDIENCE,
  CLI_CLIENT_ID,
  CLI_REDIRECT_URI,
  CONSOLE_CLIENT_ID,
  LOCAL_PASSWORD,
  LoginRefusedError,
  SERVICES_AUDIENCE,
  clientCredentialsToken,
  clientSecretFrom,
  consoleRedirectUri,
  discover,
  loginWithPkce,
} from '@oioo/local-oidc';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test stack's ports are the local stack's own (infra), not a library's.
import { testProfile } from '../../infra/stack/stack-profile';
import { stackEnv } from '../support/stack';

/** The provider `npm test` started, as its environment names it. */
function oidcEnv(): { issuer: string; audience: string; serviceAudience: string; clientsFile: string } {
  const env = stackEnv();
  const issuer = env['OIDC_ISSUER_URL'];
  const clientsFile = env['OIDC_CLIENT_SECRETS_FILE'];
  if (!issuer || !clientsFile) throw new Error('OIDC_ISSUER_URL and OIDC_CLIENT_SECRETS_FILE are set by `npm test`, which starts the local OpenID Connect provider: run `npm test`.');
  return { issuer, clientsFile, audience: env['OIDC_AUDIENCE'] ?? CASEWORK_AUDIENCE, serviceAudience: env['OIDC_SERVICE_AUDIENCE'] ?? SERVICES_AUDIENCE };
}

describe('the local OpenID Connect provider', () => {
  const { issuer, audience, serviceAudience, clientsFile } = oidcEnv();
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  beforeAll(async () => {
    const metadata = await discover(issuer);
    expect(metadata.issuer).toBe(issuer);
    jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  });

  const signIn = (username: string, password = LOCAL_PASSWORD) =>
    loginWithPkce({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username, password, resource: audience });

  it("signs alice in through the login page (code + PKCE) and her access token verifies for the casework API with her staff id, name, roles and team", async () => {
    const tokens = await signIn('alice');
    expect(decodeProtectedHeader(tokens.accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    const { payload } = await jwtVerify(tokens.accessToken, jwks, { issuer, audience, algorithms: ['RS256'] });
    expect(payload).toMatchObject({ sub: 'cw_01ALICE0000000000000', name: 'Alice Ashworth', roles: ['caseworker'], team: 'south-east', scope: 'casework', client_id: CLI_CLIENT_ID });
    expect(tokens.expiresIn).toBeGreaterThan(0);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(tokens.expiresIn);
    // The ID token is for the client itself and names the person too.
    const id = await jwtVerify(tokens.idToken ?? '', jwks, { issuer, audience: CLI_CLIENT_ID, algorithms: ['RS256'] });
    expect(id.payload).toMatchObject({ sub: 'cw_01ALICE0000000000000', name: 'Alice Ashworth', roles: ['caseworker'] });
  });

  it('signs a national role in through the console client; the token has no team', async () => {
    const tokens = await loginWithPkce({ issuer, clientId: CONSOLE_CLIENT_ID, redirectUri: consoleRedirectUri(testProfile), username: 'lina', password: LOCAL_PASSWORD });
    const { payload } = await jwtVerify(tokens.accessToken, jwks, { issuer, audience, algorithms: ['RS256'] });
    expect(payload).toMatchObject({ sub: 'cw_01LINA00000000000000', roles: ['liaison-officer'], client_id: CONSOLE_CLIENT_ID });
    expect(payload).not.toHaveProperty('team');
  });

  it('refuses a wrong password, and an unknown person, on the login page', async () => {
    await expect(signIn('alice', 'not-the-password')).rejects.toThrow(LoginRefusedError);
    await expect(signIn('alice', 'not-the-password')).rejects.toThrow(/wrong username or password/);
    await expect(signIn('mallory')).rejects.toThrow(/wrong username or password/);
  });

  it("refuses a people's client the services audience", async () => {
    await expect(loginWithPkce({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username: 'alice', password: LOCAL_PASSWORD, resource: serviceAudience })).rejects.toThrow(/invalid_target/);
  });

  it('gives svc-worker a client_credentials token that verifies for the services audience, and not for the casework API', async () => {
    const { accessToken } = await clientCredentialsToken({ issuer, clientId: 'svc-worker', clientSecret: clientSecretFrom(clientsFile, 'svc-worker'), resource: serviceAudience });
    const { payload } = await jwtVerify(accessToken, jwks, { issuer, audience: serviceAudience, algorithms: ['RS256'] });
    expect(payload).toMatchObject({ sub: 'svc-worker', client_id: 'svc-worker', scope: 'services' });
    expect(payload).not.toHaveProperty('roles');
    await expect(jwtVerify(accessToken, jwks, { issuer, audience, algorithms: ['RS256'] })).rejects.toThrow(/aud/);
  });

  it('refuses a service client a wrong secret, and the casework audience', async () => {
    await expect(clientCredentialsToken({ issuer, clientId: 'svc-worker', clientSecret: 'wrong' })).rejects.toThrow(/invalid_client/);
    await expect(clientCredentialsToken({ issuer, clientId: 'svc-worker', clientSecret: clientSecretFrom(clientsFile, 'svc-worker'), resource: audience })).rejects.toThrow(/invalid_target/);
  });
});
