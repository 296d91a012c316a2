import type { Express, NextFunction, Request, Response } from 'express';
import { CaseworkApi } from '../casework/casework-api';
import { SESSION_COOKIE } from '../session/session-middleware';
import { type ConsoleRoute, admits } from './console-route';

/**
 * A page that needs a signed-in person was asked for without one (`none`), after the session ended for
 * want of use (`ended`), or while the person is active but their access token has run out (`renew`).
 */
export class SignInRequiredError extends Error {
  constructor(readonly reason: 'none' | 'ended' | 'renew') {
    super(reason === 'none' ? 'sign-in required' : reason === 'ended' ? 'the session has ended' : 'the access token has expired');
    this.name = 'SignInRequiredError';
  }
}

/** The signed-in person lacks every role the route admits. */
export class RoleRequiredError extends Error {
  constructor() {
    super('the route admits none of the person\'s roles');
    this.name = 'RoleRequiredError';
  }
}

/**
 * Mounts the routes, deny by default: a public route runs as it is; any other needs a live session
 * (an access token not yet expired) and one of the route's roles, and gets the casework API as that
 * person. What cannot be served is passed to the error pages.
 */
export function mountRoutes(app: Express, routes: readonly ConsoleRoute[], caseworkApiUrl: string): void {
  for (const route of routes) {
    app[route.method](route.path, (request: Request, response: Response, next: NextFunction) => {
      const run = async () => {
        if ('public' in route.access) return route.handle(request, response, undefined);
        const { person, accessToken, accessTokenExpiresAt } = request.session;
        // A session cookie for a session the store no longer holds is a session that has ended.
        if (!person || !accessToken) throw new SignInRequiredError(request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ? 'ended' : 'none');
        if (!accessTokenExpiresAt || accessTokenExpiresAt <= Date.now()) throw new SignInRequiredError('renew');
        if (!admits(route.access.roles, person)) throw new RoleRequiredError();
        return route.handle(request, response, { person, api: new CaseworkApi(caseworkApiUrl, accessToken) });
      };
      run().catch(next);
    });
  }
}
