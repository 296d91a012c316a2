import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The form field every form of the console carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

/** A state-changing request without the session's CSRF token. */
export class CsrfError extends Error {
  constructor() {
    super('the form was not sent with this session\'s token');
    this.name = 'CsrfError';
  }
}

/** True when the sent token is the session's, compared in constant time. */
export function csrfTokenMatches(expected: string | undefined, sent: unknown): boolean {
  if (!expected || typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(sent));
}

/**
 * The synchronizer-token pattern: each session gets a random token, every page's forms carry it (the
 * templates read `csrfToken`), and a POST without it is refused before any route runs. The session
 * cookie is also SameSite=Lax, so this is the second of two defences.
 */
export function csrfProtection(request: Request, response: Response, next: NextFunction): void {
  const session = request.session;
  // Only a signed-in session gets a token: every form is behind sign-in, and a health probe should not start a session.
  if (session.person) session.csrfToken ??= randomBytes(32).toString('base64url');
  response.locals['csrfToken'] = session.csrfToken;
  if (request.method === 'GET' || request.method === 'HEAD') return next();
  const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (!csrfTokenMatches(session.csrfToken, sent)) return next(new CsrfError());
  next();
}
