import { type Provider, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** Test support only: a Nest app with the given controllers and providers, listening on a free local port. */
export interface TestHttpApp {
  baseUrl: string;
  /** Sends JSON (when a body is given) and returns the status and parsed answer. */
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Test support only: boots the controllers over real HTTP, so routes, status codes and error bodies are what a caller sees. */
export async function startTestHttpApp(controllers: Type<unknown>[], providers: Provider[]): Promise<TestHttpApp> {
  const moduleRef = await Test.createTestingModule({ controllers, providers }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl,
    async request(method, path, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    close: () => app.close(),
  };
}
