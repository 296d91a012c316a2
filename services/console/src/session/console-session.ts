import 'express-session';
import type { PendingSignIn } from '@oioo/auth';

/** The signed-in person as the casework API sees them (GET /api/v1/me). */
export interface SignedInPerson {
  actorId: string;
  name: string;
  roles: string[];
  team?: string;
}

/** A sign-in under way: what the callback checks the provider's answer against (libs/auth's PkceSignIn). */
export type { PendingSignIn } from '@oioo/auth';

declare module 'express-session' {
  interface SessionData {
    person?: SignedInPerson;
    /** The access token for the casework API: kept on the server, never sent to the browser. */
    accessToken?: string;
    /** When the access token expires, epoch milliseconds; the session ends with it. */
    accessTokenExpiresAt?: number;
    /** The ID token, for the provider's sign-out. */
    idToken?: string;
    pendingSignIn?: PendingSignIn;
    /** The synchronizer token every form carries. */
    csrfToken?: string;
  }
}

/** A path of this service to return to, or the home page: a full URL or `//host` would be an open redirect. */
export function safeReturnPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  return candidate;
}
