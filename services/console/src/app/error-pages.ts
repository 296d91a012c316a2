import type { ErrorRequestHandler } from 'express';
import { type Logger } from '@oioo/config';
import { SignInFailedError } from '../auth/oidc-client';
import { ApiRefusedError, ApiUnavailableError, SessionExpiredError } from '../casework/casework-errors';
import { RoleRequiredError, SignInRequiredError } from '../routes/mount-routes';
import { CsrfError } from '../session/csrf';
import { SESSION_COOKIE } from '../session/session-middleware';

/**
 * Turns what a route could not do into a page a person understands, with the right status:
 * - sign-in for a page asked for without a session, and a renewed sign-in when an active person's
 *   access token ran out;
 * - a clear page when the session has ended, or when a form arrives after the token ran out (its
 *   answers cannot be kept);
 * - 403 for a role or for a form without its token;
 * - 404 for a case the person may not see (the API answers exactly as for a missing one);
 * - 503 when the API is down.
 * Logs name the error and the route, never personal data.
 */
export function errorPages(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) return next(error);
    const route = request.route ? String((request.route as { path: string }).path) : request.path;
    const render = (status: number, view: string, data: Record<string, unknown> = {}) => response.status(status).render(view, data);
    // A page read without a session, or by someone active whose access token ran out, goes through sign-in and back:
    // with the provider's own session still open that is a round of redirects, not a password.
    if (error instanceof SignInRequiredError && error.reason !== 'ended' && request.method === 'GET') {
      return response.redirect(303, `/sign-in?${new URLSearchParams({ returnTo: request.originalUrl })}`);
    }
    if (error instanceof SignInRequiredError || error instanceof SessionExpiredError) {
      // The cookie goes too, so the next visit starts a sign-in rather than finding an ended session again.
      return request.session.destroy(() => response.clearCookie(SESSION_COOKIE).redirect(303, '/session-expired'));
    }
    if (error instanceof RoleRequiredError) return render(403, 'pages/forbidden');
    if (error instanceof CsrfError) {
      logger.warn('form refused without its CSRF token', { route });
      return render(403, 'pages/form-expired');
    }
    if (error instanceof SignInFailedError) {
      logger.warn('sign-in failed', { reason: error.message });
      return render(401, 'pages/sign-in-failed');
    }
    if (error instanceof ApiRefusedError) {
      if (error.problem.status === 404 || error.problem.code === 'INVALID_INPUT') return render(404, 'pages/not-found');
      if (error.problem.status === 403) return render(403, 'pages/forbidden');
      return render(error.problem.status, 'pages/problem', { detail: error.problem.detail });
    }
    if (error instanceof ApiUnavailableError) {
      logger.error('casework API unavailable', { route, reason: error.message });
      return render(503, 'pages/unavailable');
    }
    logger.error('page failed', { route, error: error instanceof Error ? error.name : 'unknown' });
    return render(500, 'pages/unavailable');
  };
}
