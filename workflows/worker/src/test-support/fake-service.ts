import { type Server, createServer } from 'node:http';

/** A request a fake service received. */
export interface ReceivedRequest {
  method?: string;
  url?: string;
  body: unknown;
}

/** A real HTTP server on a free local port standing in for one service: fixed answers by path, requests recorded. */
export interface FakeService {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Sets the status and JSON body answered on a path. */
  answer(path: string, status: number, body: unknown): void;
  close(): Promise<void>;
}

/** Starts a fake service; unknown paths answer 404 in the services' error shape. */
export async function startFakeService(): Promise<FakeService> {
  const answers = new Map<string, [number, unknown]>();
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, body: text === '' ? undefined : JSON.parse(text) });
      const [status, payload] = answers.get(request.url ?? '') ?? [404, { code: 'NOT_FOUND', message: 'no such path' }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    answer: (path, status, body) => answers.set(path, [status, body]),
    close: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())),
  };
}
