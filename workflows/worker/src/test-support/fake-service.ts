import { type Server, createServer } from 'node:http';
import { IssuerKeys, TokenVerifier, problemType, titleOf } from '@oioo/auth';
import type { ServiceErrorResponse } from '@oioo/contracts';

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
  /** The client id of each request's verified token, in order (only when the service checks tokens). */
  readonly callers: string[];
  /** Sets the status and JSON body answered on a path. */
  answer(path: string, status: number, body: unknown): void;
  close(): Promise<void>;
}

/** Test support only: a refusal as the services answer it, an RFC 9457 problem document. */
export function problem(status: number, code: string, detail: string): ServiceErrorResponse {
  return { type: problemType(code), title: titleOf(status), status, detail, code };
}

/**
 * Starts a fake service; unknown paths answer 404 in the services' problem shape. Given an issuer (a
 * TestIssuer's URL), it checks every request's bearer token as the services do (signature against the
 * issuer's JWKS, the services' audience) and answers 401 without one that passes.
 */
export async function startFakeService(options: { issuer?: string } = {}): Promise<FakeService> {
  const answers = new Map<string, [number, unknown]>();
  const received: ReceivedRequest[] = [];
  const callers: string[] = [];
  const verifier = options.issuer
    ? new TokenVerifier(new IssuerKeys(options.issuer), 'urn:oioo:services', { algorithms: ['RS256'], clockToleranceSeconds: 0 })
    : undefined;
  const callerOf = async (authorization: string | undefined): Promise<string | undefined> => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!verifier || !token) return undefined;
    try {
      const claims = await verifier.verify(token);
      return typeof claims['client_id'] === 'string' ? claims['client_id'] : claims.sub;
    } catch {
      return undefined;
    }
  };
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        const reply = (status: number, payload: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        if (verifier) {
          const caller = await callerOf(request.headers.authorization);
          if (!caller) return reply(401, problem(401, 'UNAUTHENTICATED', 'this route needs a bearer access token'));
          callers.push(caller);
        }
        received.push({ method: request.method, url: request.url, body: text === '' ? undefined : JSON.parse(text) });
        const [status, payload] = answers.get(request.url ?? '') ?? [404, problem(404, 'NOT_FOUND', 'no such path')];
        reply(status, payload);
      })();
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    callers,
    answer: (path, status, body) => answers.set(path, [status, body]),
    close: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())),
  };
}
