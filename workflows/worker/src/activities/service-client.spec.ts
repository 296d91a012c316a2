import { type Server, createServer } from 'node:http';
import { ApplicationFailure } from '@temporalio/common';
import { bookMovementResponseSchema } from '@oioo/contracts';
import { ServiceClient } from './service-client';

/** A real HTTP server answering each path with a fixed status and body, recording what it received. */
let server: Server;
let baseUrl: string;
const received: { method?: string; url?: string; body: string }[] = [];
const answers: Record<string, [number, unknown]> = {
  '/ok': [200, { movementId: 'mov_01J9ZQ4X7K3M2N8P', departsAt: '2025-09-10T08:00:00Z' }],
  '/refused': [409, { code: 'MOVEMENT_FULL', message: 'R9: movement mov_1 has no seat left' }],
  '/down': [503, { code: 'UNAVAILABLE', message: 'database restarting' }],
  '/broken': [200, { movementId: 'not an id' }],
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, body });
      const [status, payload] = answers[request.url ?? ''] ?? [404, { code: 'NOT_FOUND', message: 'no such path' }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolvePromise) => server.close(resolvePromise)));

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('service client for activities', () => {
  it('sends JSON and returns the answer parsed by its contract', async () => {
    const client = new ServiceClient('transport', baseUrl);
    await expect(client.call('POST', '/ok', { caseId: 'case_1' }, bookMovementResponseSchema)).resolves.toEqual({
      movementId: 'mov_01J9ZQ4X7K3M2N8P',
      departsAt: '2025-09-10T08:00:00Z',
    });
    expect(received.at(-1)).toEqual({ method: 'POST', url: '/ok', body: '{"caseId":"case_1"}' });
  });

  it('turns a 4xx refusal into a non-retryable failure typed with the service code', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl).call('POST', '/refused', {}));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'MOVEMENT_FULL', nonRetryable: true, message: 'R9: movement mov_1 has no seat left' });
  });

  it('lets Temporal retry a 5xx answer', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl).call('POST', '/down', {}));
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect(String(failure)).toMatch(/503.*will retry/);
  });

  it('fails for good, naming the fields, when the answer breaks its contract', async () => {
    const failure = await failureOf(new ServiceClient('transport', baseUrl).call('POST', '/broken', {}, bookMovementResponseSchema));
    expect(failure).toMatchObject({ type: 'CONTRACT_BROKEN', nonRetryable: true, message: expect.stringContaining('movementId') });
  });

  it('lets Temporal retry when the service cannot be reached', async () => {
    const failure = await failureOf(new ServiceClient('identity', 'http://127.0.0.1:9', 2000).call('POST', '/x', {}));
    expect(String(failure)).toMatch(/identity unreachable/);
  });
});
