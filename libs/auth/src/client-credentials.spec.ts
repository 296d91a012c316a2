import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@oioo/config';
import { ClientCredentialsTokenSource, TokenRequestError, loadClientCredentialsConfig } from './client-credentials';

/** What the token endpoint received: the client authentication and the form. */
interface TokenRequest {
  authorization?: string;
  contentType?: string;
  form: Record<string, string>;
}

/** A small provider on a loopback port: discovery plus a token endpoint that checks client_secret_basic. */
let server: Server;
let issuer: string;
const tokenRequests: TokenRequest[] = [];
const clients: Record<string, string> = { 'svc-worker': 'worker-secret:with/odd+chars' };
let issued = 0;
let expiresIn = 300;
/** Holds the token endpoint's answers until released, so concurrent callers overlap. */
let gate: Promise<void> = Promise.resolve();

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return id === undefined || secret === undefined ? undefined : [decodeURIComponent(id), decodeURIComponent(secret)];
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method === 'GET' && request.url === '/.well-known/openid-configuration') return json(200, { issuer, token_endpoint: `${issuer}/token` });
      if (request.method !== 'POST' || request.url !== '/token') return json(404, { error: 'not_found' });
      const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
      tokenRequests.push({ authorization: request.headers.authorization, contentType: request.headers['content-type'], form });
      await gate;
      const credentials = basicCredentials(request.headers.authorization);
      if (!credentials || clients[credentials[0]] !== credentials[1]) return json(401, { error: 'invalid_client', error_description: 'client authentication failed' });
      issued += 1;
      return json(200, { access_token: `token-${issued}`, token_type: 'Bearer', expires_in: expiresIn, scope: form['scope'] });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  tokenRequests.length = 0;
  expiresIn = 300;
  gate = Promise.resolve();
});

function source(clientSecret = clients['svc-worker'] ?? '', now?: () => number) {
  return new ClientCredentialsTokenSource(
    { issuer, clientId: 'svc-worker', clientSecret, audience: 'urn:oioo:services', scope: 'services' },
    { refreshBeforeExpirySeconds: 30, ...(now ? { now } : {}) },
  );
}

describe('client credentials token source', () => {
  it('asks the discovered token endpoint with client_secret_basic for the services resource and scope', async () => {
    const token = await source().token();

    expect(token).toMatch(/^token-\d+$/);
    expect(tokenRequests).toEqual([
      {
        authorization: expect.stringMatching(/^Basic /),
        contentType: 'application/x-www-form-urlencoded',
        form: { grant_type: 'client_credentials', resource: 'urn:oioo:services', scope: 'services' },
      },
    ]);
    // The secret travels only in the Authorization header, form-encoded first (RFC 6749 §2.3.1), never in the body.
    expect(basicCredentials(tokenRequests[0]?.authorization)).toEqual(['svc-worker', 'worker-secret:with/odd+chars']);
  });

  it('keeps the token until shortly before it expires, then gets a new one', async () => {
    let clock = 1_000_000;
    const tokens = source(undefined, () => clock);

    const first = await tokens.token();
    clock += 200_000;
    await expect(tokens.token()).resolves.toBe(first);
    expect(tokenRequests).toHaveLength(1);

    // 300 s lifetime, replaced 30 s before: at 270 s it is already the next one.
    clock += 70_000;
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(tokenRequests).toHaveLength(2);
    await expect(tokens.token()).resolves.toBe(second);
    expect(tokenRequests).toHaveLength(2);
  });

  it('replaces a short-lived token at half its lifetime at the latest', async () => {
    let clock = 5_000_000;
    expiresIn = 20;
    const tokens = source(undefined, () => clock);

    const first = await tokens.token();
    clock += 9_000;
    await expect(tokens.token()).resolves.toBe(first);
    clock += 1_000;
    await expect(tokens.token()).resolves.not.toBe(first);
  });

  it('makes one request for many callers at once', async () => {
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    const tokens = source();

    const waiting = Promise.all(Array.from({ length: 8 }, () => tokens.token()));
    // Let the one request reach the endpoint before it answers.
    while (tokenRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const answers = await waiting;

    expect(new Set(answers).size).toBe(1);
    expect(tokenRequests).toHaveLength(1);
  });

  it('gets a new token after the one it handed out was refused, but not for a token already replaced', async () => {
    const tokens = source();
    const first = await tokens.token();

    tokens.invalidate(first);
    const second = await tokens.token();
    expect(second).not.toBe(first);

    tokens.invalidate(first);
    await expect(tokens.token()).resolves.toBe(second);
    expect(tokenRequests).toHaveLength(2);
  });

  it('surfaces a 401 from the token endpoint as a TokenRequestError naming the client and the OAuth error, never the secret', async () => {
    const tokens = source('not-the-secret');

    const error = await tokens.token().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
    expect(String((error as Error).message)).toMatch(/refused svc-worker: 401 invalid_client \(client authentication failed\); check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(String((error as Error).message)).not.toContain('not-the-secret');
  });

  it('does not keep a failure: the next call asks again', async () => {
    const tokens = source('not-the-secret');
    await expect(tokens.token()).rejects.toBeInstanceOf(TokenRequestError);
    await expect(tokens.token()).rejects.toBeInstanceOf(TokenRequestError);
    expect(tokenRequests).toHaveLength(2);
  });

  it('says so when the provider cannot be reached', async () => {
    const tokens = new ClientCredentialsTokenSource({ issuer: 'http://127.0.0.1:9', clientId: 'svc-worker', clientSecret: 's', audience: 'urn:oioo:services', scope: 'services' }, { timeoutMs: 2000 });
    await expect(tokens.token()).rejects.toThrow(/discovery document at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration could not be read/);
  });

  it('refuses a discovery document that names another issuer, so the secret is not sent elsewhere', async () => {
    const tokens = new ClientCredentialsTokenSource({ issuer: `${issuer}/`, clientId: 'svc-worker', clientSecret: 's', audience: 'urn:oioo:services', scope: 'services' });
    await expect(tokens.token()).rejects.toThrow(/names issuer .*, not /);
    expect(tokenRequests).toHaveLength(0);
  });
});

describe('client credentials configuration', () => {
  it('reads the issuer, client and secret, with the services audience and scope by default', () => {
    expect(loadClientCredentialsConfig({ OIDC_ISSUER_URL: 'http://127.0.0.1:3100', OIDC_CLIENT_ID: 'svc-worker', OIDC_CLIENT_SECRET: 's3cret' }, 'worker')).toEqual({
      issuer: 'http://127.0.0.1:3100',
      clientId: 'svc-worker',
      clientSecret: 's3cret',
      audience: 'urn:oioo:services',
      scope: 'services',
    });
  });

  it('fails fast naming each missing or malformed variable', () => {
    const error = (() => {
      try {
        loadClientCredentialsConfig({ OIDC_ISSUER_URL: 'not a url', OIDC_CLIENT_ID: 'svc-worker' }, 'worker');
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.variable)).toEqual(['OIDC_ISSUER_URL', 'OIDC_CLIENT_SECRET']);
    expect((error as ConfigError).message).toMatch(/^worker: invalid configuration/);
  });
});
