import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLogger } from '@oioo/config';
import { type Database, createDatabase, loadMigrations, runMigrations } from '@oioo/database';
import { createConsoleApp } from '../app/create-app';
import { SignInFailedError, type SignInProvider } from '../auth/oidc-client';
import { loadConsoleConfig } from '../config/console-config';

/** Test support only: what the fake casework API answers, by method and path; unlisted paths answer 404. */
export type FakeApiAnswers = Record<string, { status: number; body: unknown } | ((body: unknown) => { status: number; body: unknown })>;

/** Test support only: a request the fake casework API received. */
export interface ApiCall {
  method: string;
  path: string;
  authorization?: string;
  idempotencyKey?: string;
  body?: unknown;
}

/** Test support only: the console over a fake casework API and a fake provider, and a browser-like client with a cookie jar. */
export interface ConsoleTestApp {
  url: string;
  db: Database;
  answers: FakeApiAnswers;
  calls: ApiCall[];
  /** Requests a path with the jar's cookies, without following redirects. */
  request(path: string, init?: { method?: 'GET' | 'POST'; form?: Record<string, string>; cookies?: boolean }): Promise<{ status: number; location: string | null; text: string; headers: Headers }>;
  /** Signs in as the person the fake API's /api/v1/me describes, through the real callback route. */
  signIn(): Promise<void>;
  /** The CSRF token of the signed-in session, read from a page's sign-out form. */
  csrfToken(): Promise<string>;
  /** Forgets the browser's cookies, the API's answers and calls, and every session, for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const logger = createLogger('console-test', {}, () => undefined);

/** Test support only: a fake provider that signs anyone in with tokens that expire at `expiresAt`. */
export function fakeSignIn(expiresAt: () => number): SignInProvider {
  return {
    begin: (returnTo) => ({ url: 'http://provider.invalid/authorize', pending: { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1', returnTo } }),
    complete: async (query, pending) => {
      if (!pending || query['state'] !== pending.state) throw new SignInFailedError('state mismatch');
      return { accessToken: 'access-token-1', idToken: 'id-token-1', expiresAt: expiresAt() };
    },
    signOutUrl: () => 'http://provider.invalid/session/end',
  };
}

/** Test support only: starts the console on a loopback port with in-memory PGlite, a fake provider and a fake casework API. */
export async function startConsoleTestApp(options: { expiresAt?: () => number } = {}): Promise<ConsoleTestApp> {
  const answers: FakeApiAnswers = {};
  const calls: ApiCall[] = [];
  const api: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
      const path = request.url ?? '/';
      calls.push({ method: request.method ?? 'GET', path, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}), ...(request.headers['idempotency-key'] ? { idempotencyKey: String(request.headers['idempotency-key']) } : {}), ...(body === undefined ? {} : { body }) });
      const key = `${request.method} ${path.split('?')[0]}`;
      const found = answers[key];
      const answer = typeof found === 'function' ? found(body) : (found ?? { status: 404, body: { status: 404, code: 'NOT_FOUND', detail: 'no such thing' } });
      response.writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  const db = await createDatabase({ driver: 'pglite' }, { schema: 'console', logger });
  await runMigrations(db, { schema: 'console', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger });
  const config = loadConsoleConfig({ CASEWORK_API_URL: apiUrl, OIDC_ISSUER_URL: 'http://provider.invalid', CONSOLE_SESSION_SECRET: 's'.repeat(40) });
  const app = createConsoleApp({ config, db, oidc: fakeSignIn(options.expiresAt ?? (() => Date.now() + 15 * 60 * 1000)), logger });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jar = new Map<string, string>();

  const request: ConsoleTestApp['request'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.cookies !== false && jar.size > 0) headers['cookie'] = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, redirect: 'manual', ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (name && value !== undefined) {
        if (value === '' || /Expires=Thu, 01 Jan 1970/.test(cookie)) jar.delete(name);
        else jar.set(name, value);
      }
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), headers: response.headers };
  };

  return {
    url,
    db,
    answers,
    calls,
    request,
    async signIn() {
      await request('/sign-in');
      const callback = await request('/auth/callback?code=c1&state=state-1');
      if (callback.status !== 303) throw new Error(`sign-in failed with ${callback.status}: ${callback.text.slice(0, 200)}`);
    },
    async csrfToken() {
      const page = await request('/work');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (!token) throw new Error('no CSRF token on the page');
      return token;
    },
    async reset() {
      jar.clear();
      calls.length = 0;
      for (const key of Object.keys(answers)) delete answers[key];
      await db.query('DELETE FROM sessions');
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await db.close();
    },
  };
}
