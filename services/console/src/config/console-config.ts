import { z } from 'zod';
import { parseConfig, portVariable } from '@oioo/config';

/** The console's settings, parsed once at start. */
export interface ConsoleConfig {
  /** Where the console listens. */
  port: number;
  host: string;
  /** The address people reach the console at; its origin makes the OIDC redirect URI and decides whether cookies are `Secure`. */
  publicUrl: URL;
  /** Base URL of the casework API the console calls with the signed-in person's access token. */
  caseworkApiUrl: string;
  /** The OpenID Connect provider people sign in at (the local provider, or the department's IdP). */
  issuerUrl: string;
  /** The console's public client at the provider (authorization code with PKCE, no secret). */
  clientId: string;
  /** The audience the console asks access tokens for: the casework API's. */
  audience: string;
  /** Signs the session cookie; at least 32 characters, the same for every instance. */
  sessionSecret: string;
  /** A session with no request for this long ends, whatever its access token's lifetime. */
  sessionIdleMinutes: number;
}

const schema = z.object({
  HTTP_PORT: portVariable.default(3105),
  HTTP_HOST: z.string().default('127.0.0.1'),
  CONSOLE_PUBLIC_URL: z.url().optional(),
  CASEWORK_API_URL: z.url(),
  OIDC_ISSUER_URL: z.url(),
  OIDC_CONSOLE_CLIENT_ID: z.string().min(1).default('casework-console'),
  OIDC_AUDIENCE: z.string().min(1).default('urn:oioo:casework'),
  CONSOLE_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
});

/** Parses the console's variables; a missing or bad one stops the process naming it. */
export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const parsed = parseConfig('console', schema, env);
  return {
    port: parsed.HTTP_PORT,
    host: parsed.HTTP_HOST,
    publicUrl: new URL(parsed.CONSOLE_PUBLIC_URL ?? `http://${parsed.HTTP_HOST}:${parsed.HTTP_PORT}`),
    caseworkApiUrl: parsed.CASEWORK_API_URL.replace(/\/$/, ''),
    issuerUrl: parsed.OIDC_ISSUER_URL,
    clientId: parsed.OIDC_CONSOLE_CLIENT_ID,
    audience: parsed.OIDC_AUDIENCE,
    sessionSecret: parsed.CONSOLE_SESSION_SECRET,
    sessionIdleMinutes: parsed.CONSOLE_SESSION_IDLE_MINUTES,
  };
}

/** The redirect URI the provider sends people back to after sign-in. */
export function callbackUrl(config: Pick<ConsoleConfig, 'publicUrl'>): string {
  return new URL('/auth/callback', config.publicUrl).toString();
}

/** Where the provider sends people after they sign out. */
export function signedOutUrl(config: Pick<ConsoleConfig, 'publicUrl'>): string {
  return new URL('/signed-out', config.publicUrl).toString();
}
