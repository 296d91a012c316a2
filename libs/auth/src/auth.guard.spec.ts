import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TestIssuer } from '@oioo/testing';
import { PublicRoute, RolesAllowed, ServicesAllowed } from './access-policy';
import { AuthModule } from './auth.module';
import { loadAuthConfig } from './auth-config';
import { CurrentPerson } from './current-caller.decorator';
import type { PersonCaller } from './verified-caller';

@Controller('probe')
class ProbeController {
  @Get('open')
  @PublicRoute('a test route')
  open() {
    return { ok: true };
  }

  @Get('people')
  @RolesAllowed('senior-caseworker')
  people(@CurrentPerson() caller: PersonCaller) {
    return caller;
  }

  @Get('services')
  @ServicesAllowed('svc-worker')
  services() {
    return { ok: true };
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

const PEOPLE = 'urn:oioo:casework';
const person = { sub: 'cw_01BOLA00000000000000', name: 'Bola Adeyemi', roles: ['senior-caseworker'], team: 'south-east' };

describe('the global guard and token verification', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const config = loadAuthConfig({ OIDC_ISSUER_URL: issuer.issuer, OIDC_CLOCK_TOLERANCE_SECONDS: '0', OIDC_JWKS_COOLDOWN_SECONDS: '0' });
    const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot({ service: 'test', config })], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function expectProblem(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { code: string; status: number; type: string; title: string; detail: string };
    expect(body).toMatchObject({ code, status });
    return body;
  }

  it('a route that declares no access policy is refused, even with a valid token', async () => {
    await expectProblem(await get('/probe/undeclared', await issuer.token({ claims: person, audience: PEOPLE })), 403, 'NO_ACCESS_POLICY');
  });

  it('a public route needs no token', async () => {
    expect((await get('/probe/open')).status).toBe(200);
  });

  it('a valid token for the people audience admits the role it names, and the caller is the token subject', async () => {
    const response = await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ kind: 'person', subject: person.sub, actorId: person.sub, name: person.name, roles: ['senior-caseworker'], team: 'south-east' });
  });

  it('a missing token gets 401 with WWW-Authenticate: Bearer', async () => {
    const response = await get('/probe/people');
    await expectProblem(response, 401, 'UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('an expired token gets 401 and nothing more', async () => {
    const body = await expectProblem(await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE, expiresIn: -60 })), 401, 'INVALID_TOKEN');
    expect(body.detail).toBe('the access token is not valid here');
  });

  it('a token not yet valid (nbf in the future) gets 401', async () => {
    await expectProblem(await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE, notBefore: 600 })), 401, 'INVALID_TOKEN');
  });

  it('a token for another audience gets 401', async () => {
    await expectProblem(await get('/probe/people', await issuer.token({ claims: person, audience: 'urn:oioo:services' })), 401, 'INVALID_TOKEN');
  });

  it('a token naming another issuer gets 401', async () => {
    await expectProblem(await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE, issuer: 'http://127.0.0.1:1/evil' })), 401, 'INVALID_TOKEN');
  });

  it('a tampered token (payload changed after signing) gets 401', async () => {
    const [header, , signature] = (await issuer.token({ claims: person, audience: PEOPLE })).split('.');
    const forged = Buffer.from(JSON.stringify({ ...person, roles: ['senior-caseworker', 'auditor'], iss: issuer.issuer, aud: PEOPLE, iat: 1, exp: 4102444800 })).toString('base64url');
    await expectProblem(await get('/probe/people', `${header}.${forged}.${signature}`), 401, 'INVALID_TOKEN');
  });

  it('an unsigned token (alg: none) gets 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...person, iss: issuer.issuer, aud: PEOPLE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    await expectProblem(await get('/probe/people', `${header}.${payload}.`), 401, 'INVALID_TOKEN');
  });

  it('a valid token without the role the route needs gets 403', async () => {
    await expectProblem(await get('/probe/people', await issuer.token({ claims: { ...person, roles: ['caseworker'] }, audience: PEOPLE })), 403, 'FORBIDDEN');
  });

  it('roles the platform does not know grant nothing', async () => {
    await expectProblem(await get('/probe/people', await issuer.token({ claims: { ...person, roles: ['admin', 'Senior-Caseworker'] }, audience: PEOPLE })), 403, 'FORBIDDEN');
  });

  it('a person\'s token cannot call a service route, and only the named client may', async () => {
    await expectProblem(await get('/probe/services', await issuer.token({ claims: person, audience: PEOPLE })), 401, 'INVALID_TOKEN');
    await expectProblem(await get('/probe/services', await issuer.serviceToken('svc-transport')), 403, 'FORBIDDEN');
    expect((await get('/probe/services', await issuer.serviceToken('svc-worker'))).status).toBe(200);
  });

  it('a key rotation at the issuer is picked up without a restart', async () => {
    expect((await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE }))).status).toBe(200);
    await issuer.rotate();
    issuer.retireOldKeys();
    // The guard has cached the old JWKS; a token signed with the new key makes it fetch the set again.
    expect((await get('/probe/people', await issuer.token({ claims: person, audience: PEOPLE }))).status).toBe(200);
  });
});
