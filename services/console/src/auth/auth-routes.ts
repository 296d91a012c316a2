import type { Request } from 'express';
import { type Logger } from '@oioo/config';
import { CaseworkApi } from '../casework/casework-api';
import { ANY_ROLE, type ConsoleRoute, homeOf } from '../routes/console-route';
import { safeReturnPath } from '../session/console-session';
import { SESSION_COOKIE } from '../session/session-middleware';
import { type SignInProvider } from './oidc-client';

/** Starts a new session id for the signed-in person, so an id planted before sign-in is worth nothing (session fixation). */
function regenerate(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
}

/** Sign-in, the provider's callback, sign-out, and the pages around them. */
export function authRoutes(oidc: SignInProvider, caseworkApiUrl: string, logger: Logger): ConsoleRoute[] {
  return [
    {
      method: 'get',
      path: '/',
      access: { public: 'the start page says what the service is and offers sign-in' },
      handle: async (request, response) => {
        if (request.session.person && (request.session.accessTokenExpiresAt ?? 0) > Date.now()) return response.redirect(303, homeOf(request.session.person));
        response.render('pages/start');
      },
    },
    {
      method: 'get',
      path: '/sign-in',
      access: { public: 'sign-in begins before anyone is known' },
      handle: async (request, response) => {
        const { url, pending } = oidc.begin(safeReturnPath(request.query['returnTo']));
        request.session.pendingSignIn = pending;
        response.redirect(303, url);
      },
    },
    {
      method: 'get',
      path: '/auth/callback',
      access: { public: 'the provider sends people back here; the answer is checked against the sign-in this session began' },
      handle: async (request, response) => {
        const pending = request.session.pendingSignIn;
        const tokens = await oidc.complete(request.query as Record<string, unknown>, pending);
        // Who the person is, as the API will see them on every call: roles and team come from the verified token.
        const person = await new CaseworkApi(caseworkApiUrl, tokens.accessToken).me();
        await regenerate(request);
        Object.assign(request.session, { person, accessToken: tokens.accessToken, accessTokenExpiresAt: tokens.expiresAt, ...(tokens.idToken ? { idToken: tokens.idToken } : {}) });
        logger.info('signed in', { actorId: person.actorId, roles: person.roles.join(',') });
        response.redirect(303, pending?.returnTo && pending.returnTo !== '/' ? pending.returnTo : homeOf(person));
      },
    },
    {
      method: 'post',
      path: '/sign-out',
      access: { roles: ANY_ROLE },
      handle: async (request, response) => {
        const signOut = oidc.signOutUrl(request.session.idToken);
        await new Promise<void>((resolve) => request.session.destroy(() => resolve()));
        response.clearCookie(SESSION_COOKIE);
        response.redirect(303, signOut);
      },
    },
    { method: 'get', path: '/signed-out', access: { public: 'shown after sign-out, to no one in particular' }, handle: async (_request, response) => response.render('pages/signed-out') },
    { method: 'get', path: '/session-expired', access: { public: 'shown once a session has ended' }, handle: async (_request, response) => response.status(401).render('pages/session-expired') },
  ];
}
