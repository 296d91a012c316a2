import { type INestApplication } from '@nestjs/common';
import { TemporalHealthIndicator } from '@oioo/temporal';
import { TestIssuer } from '@oioo/testing';
import { identityAppBuilder } from './test-support/identity-app-builder';
import { opaqueId, problemDocument } from './test-support/identity-test-kit';

let issuer: TestIssuer;
let app: INestApplication;
let baseUrl: string;

/** Every route identity serves, with the clients that may call it (deny by default: no one else). */
const ROUTES: { method: 'GET' | 'POST'; path: string; clients: string[] }[] = [
  { method: 'POST', path: '/returns-register', clients: ['svc-worker'] },
  { method: 'POST', path: '/register-checks', clients: ['svc-worker'] },
  { method: 'POST', path: '/enrolment-register-checks', clients: ['svc-worker'] },
  { method: 'POST', path: '/presence-requests', clients: ['svc-worker'] },
  { method: 'POST', path: '/vac-appointments', clients: ['svc-worker'] },
  { method: 'POST', path: '/age-assessments', clients: ['svc-casework'] },
  { method: 'GET', path: `/cases/${opaqueId('case')}/age-assessments`, clients: ['svc-casework'] },
  { method: 'GET', path: `/internal/v1/subject-access/${opaqueId('per')}`, clients: ['svc-casework'] },
  { method: 'POST', path: '/internal/v1/retention/sweep', clients: ['svc-worker'] },
];
const PLATFORM_CLIENTS = ['svc-worker', 'svc-identity', 'svc-legal-review', 'svc-transport', 'svc-casework', 'svc-simulator'];

beforeAll(async () => {
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  // The app as it boots, with a Temporal frontend that counts as up.
  const moduleRef = await identityAppBuilder()
    .overrideProvider(TemporalHealthIndicator)
    .useValue({ name: 'temporal', isHealthy: () => true })
    .compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await issuer?.stop();
});

/** Calls a route with an empty body (the guard answers before the body is read) and the given Authorization header. */
async function call(method: 'GET' | 'POST', path: string, authorization?: string) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), wwwAuthenticate: response.headers.get('www-authenticate'), body: text === '' ? undefined : JSON.parse(text) };
}

/** The routes Express serves, as `METHOD /path` with Nest's `:param`s. */
function servedRoutes(): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`) : []));
}

describe('identity admits only platform clients with a client-credentials token', () => {
  it('the table below covers every route identity serves, and /health', () => {
    const listed = ROUTES.map(({ method, path }) => `${method} ${path.replace(/case_[0-9a-f]+/, ':caseId').replace(/per_[0-9a-f]+/, ':personId')}`);
    expect(servedRoutes().sort()).toEqual([...listed, 'GET /health'].sort());
  });

  it.each(ROUTES)('$method $path without a token answers 401 with a problem document and WWW-Authenticate: Bearer', async ({ method, path }) => {
    const answer = await call(method, path);

    expect(answer.status).toBe(401);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.wwwAuthenticate).toBe('Bearer');
    expect(answer.body).toEqual(problemDocument(401, 'UNAUTHENTICATED', expect.any(String)));
  });

  it.each(ROUTES)('$method $path refuses a person\'s token (the casework audience) with 401', async ({ method, path }) => {
    const personToken = await issuer.token({ claims: { sub: 'cw_SENIOR0000001', roles: ['senior-caseworker'] }, audience: 'urn:oioo:casework' });

    const answer = await call(method, path, `Bearer ${personToken}`);

    expect(answer.status).toBe(401);
    expect(answer.wwwAuthenticate).toBe('Bearer error="invalid_token"');
    expect(answer.body).toEqual(problemDocument(401, 'INVALID_TOKEN', expect.any(String)));
  });

  it.each(ROUTES)('$method $path refuses with 403 every platform client it does not name', async ({ method, path, clients }) => {
    for (const clientId of PLATFORM_CLIENTS.filter((client) => !clients.includes(client))) {
      const answer = await call(method, path, `Bearer ${await issuer.serviceToken(clientId)}`);
      expect({ clientId, status: answer.status, body: answer.body }).toEqual({ clientId, status: 403, body: problemDocument(403, 'FORBIDDEN', expect.any(String)) });
    }
  });

  it.each(ROUTES)('$method $path lets the clients it names through to the handler (which judges the empty body)', async ({ method, path, clients }) => {
    for (const clientId of clients) {
      const answer = await call(method, path, `Bearer ${await issuer.serviceToken(clientId)}`);
      // Past the guard: the handler answers (200 for a list, 400 for the empty body), never 401 or 403.
      expect({ clientId, status: answer.status }).toEqual({ clientId, status: method === 'GET' ? 200 : 400 });
    }
  });

  it('refuses an expired service token with 401', async () => {
    const expired = await issuer.token({ claims: { sub: 'svc-worker', client_id: 'svc-worker', scope: 'services' }, audience: 'urn:oioo:services', expiresIn: -120 });

    const answer = await call('POST', '/returns-register', `Bearer ${expired}`);

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(problemDocument(401, 'INVALID_TOKEN', expect.any(String)));
  });

  it('refuses a token signed by another issuer\'s key with 401', async () => {
    const stranger = await TestIssuer.start();
    try {
      const forged = await stranger.token({ claims: { sub: 'svc-worker', client_id: 'svc-worker' }, audience: 'urn:oioo:services', issuer: issuer.issuer });
      await expect(call('POST', '/returns-register', `Bearer ${forged}`)).resolves.toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    } finally {
      await stranger.stop();
    }
  });

  it('keeps /health open to the process supervisor and load balancer: 200 without a token', async () => {
    const answer = await call('GET', '/health');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ok', service: 'identity', checks: { kafka: 'up', temporal: 'up', database: 'up' } });
  });
});
