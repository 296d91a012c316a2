import { type Provider, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, problemOf } from '@oioo/auth';
import { TestIssuer } from '@oioo/testing';

/** Test support only: a Nest app with the given controllers and providers, listening on a free local port. */
export interface TestHttpApp {
  baseUrl: string;
  /** The issuer of the access tokens the app accepts. */
  issuer: TestIssuer;
  /** Sends JSON (when a body is given) with the worker's access token, and returns the status and parsed answer. */
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * Test support only: boots the controllers over real HTTP behind the service's access guard and problem
 * documents (as ServicePlatformModule wires them), so routes, status codes and error bodies are what a caller sees.
 */
export async function startTestHttpApp(controllers: Type<unknown>[], providers: Provider[]): Promise<TestHttpApp> {
  const issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot({ service: 'legal-review' })], controllers, providers }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl,
    issuer,
    async request(method, path, body) {
      const authorization = `Bearer ${await issuer.serviceToken('svc-worker')}`;
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    close: async () => {
      await app.close();
      await issuer.stop();
    },
  };
}

/** Test support only: the RFC 9457 problem document legal-review answers a refusal with, for `toEqual`. */
export function problemDocument(status: number, code: string, detail: unknown) {
  return problemOf(status, code, detail as string);
}
