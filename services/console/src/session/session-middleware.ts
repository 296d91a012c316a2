import session from 'express-session';
import type { RequestHandler } from 'express';
import { type Database } from '@oioo/database';
import { DatabaseSessionStore } from './database-session-store';

/** The session cookie's name; it holds only the signed session id. */
export const SESSION_COOKIE = 'oioo.console.sid';

/**
 * Server-side sessions in the console's database. The cookie is HTTP-only, SameSite=Lax (the provider's
 * redirect back is a top-level navigation from another site, which Strict would strip), Secure when the
 * console is served over TLS, and ends after the idle time; each request renews it.
 */
export function sessionMiddleware(options: { db: Database; secret: string; secure: boolean; idleMinutes: number }): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    store: new DatabaseSessionStore(options.db),
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: options.idleMinutes * 60 * 1000, path: '/' },
  });
}
