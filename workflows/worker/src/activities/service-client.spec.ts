import { type Server, createServer } from 'node:http';
import { ApplicationFailure } from '@temporalio/common';
import type { AccessTokenSource } from '@oioo/auth';
import { bookMovementResponseSchema } from '@oioo/contracts';
import { problem } from '../test-support/fake-service';
import { ServiceClient } from './service-client';

/** A real HTTP server answering each path with a fixed status and body, recording what it received. */
let server: Server;
let baseUrl: string;
const received: { method?: string; url?: string; authorization?: string; body: string }[] = [];
/** Tokens the server takes as expired or signed with a retired key: a 401, as the services answer it. */
const refusedTokens = new Set<string>();
const answers: Record<string, [number, unknown]> = {
  '/ok': [200, { movementId: 'mov_01J9ZQ4X7K3M2N8P', departsAt: '2025-09-10T08:00:00Z' }],
  '/refused': [409, problem(409, 'MOVEMENT_FULL', 'R9: movement mov_1 has no seat left')],
  '/forbidden': [403, problem(403, 'FORBIDDEN', 'this client may not call this route')],
  '/down': [503, problem(503, 'UNAVAILABLE', 'database restarting')],
  '/broken': [200, { movementId: 'not an id' }],
  '/not-a-problem': [422, { error: 'something else' }],
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const authorization = request.headers.authorization;
      received.push({ method: request.method, url: request.url, authorization, body });
      const token = authorization?.replace(/^Bearer /, '') ?? '';
      const [status, payload] =
        !authorization || refusedTokens.has(token) || request.url === '/always-401'
          ? [401, problem(401, 'INVALID_TOKEN', 'the access token is not valid here')]
          : (answers[request.url ?? ''] ?? [404, problem(404, 'NOT_FOUND', 'no such path')]);
      response.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolvePromise) => server.close(resolvePromise)));

beforeEach(() => {
  received.length = 0;
  refusedTokens.clear();
});

/** A token source that hands out `token-1`, and a new number each time the one it gave is invalidated. */
function countingTokens(): AccessTokenSource & { invalidated: string[] } {
  let current = 1;
  const invalidated: string[] = [];
  return {
    invalidated,
    token: async () => `token-${current}`,
    invalidate: (rejected) => {
      invalidated.push(rejected);
      if (rejected === `token-${current}`) current += 1;
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('service client for activities', () => {
  it('sends JSON with the bearer token and returns the answer parsed by its contract', async () => {
    const client = new ServiceClient('transport', baseUrl, countingTokens());
    await expect(client.call('POST', '/ok', { caseId: 'case_1' }, bookMovementResponseSchema)).resolves.toEqual({
      movementId: 'mov_01J9ZQ4X7K3M2N8P',
      departsAt: '2025-09-10T08:00:00Z',
    });
    expect(received.at(-1)).toEqual({ method: 'POST', url: '/ok', authorization: 'Bearer token-1', body: '{"caseId":"case_1"}' });
  });

  it('turns a 4xx refusal into a non-retryable failure typed with the service code, its detail as the message', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl, countingTokens()).call('POST', '/refused', {}));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'MOVEMENT_FULL', nonRetryable: true, message: 'R9: movement mov_1 has no seat left' });
  });

  it('names the status when a 4xx body is not a problem document', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl, countingTokens()).call('POST', '/not-a-problem', {}));
    expect(failure).toMatchObject({ type: 'HTTP_422', nonRetryable: true, message: 'transport refused POST /not-a-problem with 422' });
  });

  it('a 403 (this client may not call the route) is a refusal like any other 4xx, with no second try', async () => {
    const tokens = countingTokens();
    const failure = await failureOf(new ServiceClient('transport', baseUrl, tokens).call('POST', '/forbidden', {}));
    expect(failure).toMatchObject({ type: 'FORBIDDEN', nonRetryable: true });
    expect(received).toHaveLength(1);
    expect(tokens.invalidated).toEqual([]);
  });

  it('lets Temporal retry a 5xx answer', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl, countingTokens()).call('POST', '/down', {}));
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect(String(failure)).toMatch(/503.*will retry/);
  });

  it('fails for good, naming the fields, when the answer breaks its contract', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl, countingTokens()).call('POST', '/broken', {}, bookMovementResponseSchema));
    expect(failure).toMatchObject({ type: 'CONTRACT_BROKEN', nonRetryable: true, message: expect.stringContaining('movementId') });
  });

  it('lets Temporal retry when the service cannot be reached', async () => {
    const failure = await failureOf(new ServiceClient('identity', 'http://127.0.0.1:9', countingTokens(), 2000).call('POST', '/x', {}));
    expect(String(failure)).toMatch(/identity unreachable/);
  });

  it('answers a 401 by dropping the refused token and trying once more with a fresh one', async () => {
    const tokens = countingTokens();
    refusedTokens.add('token-1');

    await expect(new ServiceClient('transport', baseUrl, tokens).call('POST', '/ok', {}, bookMovementResponseSchema)).resolves.toMatchObject({ movementId: 'mov_01J9ZQ4X7K3M2N8P' });

    expect(tokens.invalidated).toEqual(['token-1']);
    expect(received.map((request) => request.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('after a second 401 stops this attempt and leaves it to Temporal to retry, rather than failing the case', async () => {
    const tokens = countingTokens();

    const failure = await failureOf(new ServiceClient('legal-review', baseUrl, tokens).call('GET', '/always-401', undefined));

    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect(String(failure)).toMatch(/legal-review refused the worker's access token twice at GET \/always-401.*401 INVALID_TOKEN.*will retry/);
    expect(received).toHaveLength(2);
  });

  it('without a token sends nothing, and lets Temporal retry', async () => {
    const failing: AccessTokenSource = { token: () => Promise.reject(new Error('the token endpoint refused svc-worker: 401 invalid_client')) };

    const failure = await failureOf(new ServiceClient('identity', baseUrl, failing).call('POST', '/ok', {}));

    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect(String(failure)).toMatch(/no access token to call identity at POST \/ok: the token endpoint refused svc-worker: 401 invalid_client/);
    expect(received).toHaveLength(0);
  });
});
