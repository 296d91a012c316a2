import { type IncomingMessage, type Server, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import type { Logger } from '@oioo/config';
import type { UiGatewayConfig } from './gateway-config';
import type { PendingSignIn, SignInTokens } from '@oioo/auth';
import type { GatewaySessions } from './gateway-sessions';
import { isWriteRequest, safeReturnPath, uiAccessOf } from './ui-access';

/** The session cookie (an opaque id; the token stays in the gateway). */
export const SESSION_COOKIE = 'oioo_temporal_ui';
/** The cookie of a sign-in under way, binding the callback to the browser that began it. */
export const SIGN_IN_COOKIE = 'oioo_temporal_ui_sign_in';

/** What the gateway needs of its OpenID Connect client. */
export interface GatewaySignInClient {
  begin(returnTo: string): { url: string; pending: PendingSignIn };
  complete(query: URLSearchParams, pending: PendingSignIn): Promise<SignInTokens>;
}

/** Everything the gateway is made of. */
export interface UiGatewayParts {
  config: UiGatewayConfig;
  signIn: GatewaySignInClient;
  sessions: GatewaySessions;
  logger: Logger;
}

const meSchema = z.object({ actorId: z.string(), roles: z.array(z.string()) });

/** Headers never passed on: hop-by-hop ones, and the browser's cookies and credentials, which are the gateway's business. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization']);

function cookiesOf(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

/** The Cookie header without the gateway's own cookies, for the Web UI server (its CSRF cookie stays). */
function upstreamCookie(request: IncomingMessage): string | undefined {
  const kept = [...cookiesOf(request)].filter(([name]) => name !== SESSION_COOKIE && name !== SIGN_IN_COOKIE).map(([name, value]) => `${name}=${value}`);
  return kept.length > 0 ? kept.join('; ') : undefined;
}

function cookie(name: string, value: string, secure: boolean, maxAgeSeconds?: number): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : []), ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : [])].join('; ');
}

function problem(response: ServerResponse, status: number, code: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ type: `urn:oioo:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: code, status, detail, code }));
}

function page(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'" });
  response.end(`<!doctype html><html lang="en"><title>${title}</title><h1>${title}</h1><p>${text}</p><p><a href="/auth/sign-in">Sign in again</a></p></html>`);
}

/** Streams the request to `target` with the given extra headers and streams the answer back. */
function forward(request: IncomingMessage, response: ServerResponse, target: URL, extraHeaders: Record<string, string>, logger: Logger): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'cookie') headers[name] = value;
  const kept = upstreamCookie(request);
  if (kept) headers['cookie'] = kept;
  Object.assign(headers, extraHeaders);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: request.method, headers }, (answer) => {
    const answerHeaders = { ...answer.headers };
    for (const name of HOP_BY_HOP) delete answerHeaders[name];
    response.writeHead(answer.statusCode ?? 502, answerHeaders);
    answer.pipe(response);
  });
  upstream.on('error', (error) => {
    logger.warn('upstream unreachable', { upstream: target.origin, error: error.message });
    if (!response.headersSent) problem(response, 502, 'UPSTREAM_UNAVAILABLE', 'the Web UI or codec server behind the gateway did not answer');
    else response.destroy();
  });
  request.pipe(upstream);
}

/**
 * A sign-in gateway in front of the local Temporal Web UI, on the UI's own address. The dev server's UI
 * has no sign-in and no setting to send credentials to a codec server on another origin, so the gateway
 * signs people in at the OpenID Connect provider (authorization code + PKCE), keeps their access token,
 * serves the codec at `/codec` on the UI's own origin (forwarding to the casework service's codec with the
 * token) and passes everything else to the UI. People without a role that reads cases get no UI; only
 * SREs may use its write actions.
 */
export function createUiGateway(parts: UiGatewayParts): Server {
  const { config, signIn, sessions, logger } = parts;
  const secure = config.publicUrl.protocol === 'https:';

  const signInRedirect = (response: ServerResponse, returnTo: string) => {
    const { url, pending } = signIn.begin(safeReturnPath(returnTo));
    response.writeHead(303, { location: url, 'set-cookie': cookie(SIGN_IN_COOKIE, sessions.begin(pending), secure, 600), 'cache-control': 'no-store' });
    response.end();
  };

  const callback = async (request: IncomingMessage, response: ServerResponse, query: URLSearchParams) => {
    const pending = sessions.take(cookiesOf(request).get(SIGN_IN_COOKIE));
    if (!pending) return page(response, 400, 'Sign-in failed', 'No sign-in was started in this browser, or it took too long.');
    let tokens: SignInTokens;
    try {
      tokens = await signIn.complete(query, pending);
    } catch (error) {
      logger.warn('sign-in refused', { error: error instanceof Error ? error.message : String(error) });
      return page(response, 400, 'Sign-in failed', 'The identity provider\'s answer could not be checked.');
    }
    // Who the person is, as the codec server will see them: roles come from the verified token.
    const me = await fetch(`${config.caseworkApiUrl}/api/v1/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const person = me.ok ? meSchema.safeParse(await me.json()) : undefined;
    if (!person?.success) return page(response, 403, 'No access', 'The casework service did not accept this sign-in.');
    const access = uiAccessOf(person.data.roles);
    if (access === 'none') {
      logger.info('sign-in refused: no role that reads cases', { actorId: person.data.actorId });
      return page(response, 403, 'No access', 'Your roles do not include reading cases, so the Temporal Web UI is not open to you.');
    }
    const id = sessions.open({ accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, actorId: person.data.actorId, access });
    logger.info('signed in', { actorId: person.data.actorId, access });
    response.writeHead(303, { location: pending.returnTo, 'set-cookie': [cookie(SESSION_COOKIE, id, secure), cookie(SIGN_IN_COOKIE, '', secure, 0)], 'cache-control': 'no-store' });
    response.end();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', config.publicUrl);
    const method = request.method ?? 'GET';
    if (url.pathname === '/auth/health') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (url.pathname === '/auth/sign-in') return signInRedirect(response, url.searchParams.get('returnTo') ?? '/');
    if (url.pathname === '/auth/callback') return callback(request, response, url.searchParams);
    const sessionId = cookiesOf(request).get(SESSION_COOKIE);
    if (url.pathname === '/auth/sign-out') {
      sessions.close(sessionId);
      response.writeHead(303, { location: '/auth/signed-out', 'set-cookie': cookie(SESSION_COOKIE, '', secure, 0) });
      return void response.end();
    }
    if (url.pathname === '/auth/signed-out') return page(response, 200, 'Signed out', 'You have signed out of the Temporal Web UI.');
    const session = sessions.get(sessionId);
    if (url.pathname === '/codec' || url.pathname.startsWith('/codec/')) {
      if (!session) return problem(response, 401, 'UNAUTHENTICATED', 'sign in to the Temporal Web UI first; the codec decodes nothing without a signed-in person');
      return forward(request, response, new URL(`${config.codecUrl}${url.pathname.slice('/codec'.length)}${url.search}`), { authorization: `Bearer ${session.accessToken}` }, logger);
    }
    if (!session) {
      if (method === 'GET' && (request.headers.accept ?? '').includes('text/html')) return signInRedirect(response, `${url.pathname}${url.search}`);
      return problem(response, 401, 'UNAUTHENTICATED', 'sign in to the Temporal Web UI first');
    }
    if (isWriteRequest(method, url.pathname) && session.access !== 'write') {
      logger.info('write action refused', { actorId: session.actorId, method });
      return problem(response, 403, 'FORBIDDEN', 'only SREs may act on workflows from the Web UI; casework is done through the casework API');
    }
    forward(request, response, new URL(`${config.uiBackendUrl}${url.pathname}${url.search}`), {}, logger);
  };

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) problem(response, 500, 'INTERNAL', 'the gateway failed; see its log');
      else response.destroy();
    });
  });
}
