/**
 * The names other parts of the platform rely on: the two audiences (resource servers), their scopes and
 * the registered clients. The casework API and the services verify tokens against these values.
 */

/** Audience of people's tokens: what the casework API accepts. */
export const CASEWORK_AUDIENCE = 'urn:oioo:casework';
/** Audience of service-to-service tokens (client_credentials). */
export const SERVICES_AUDIENCE = 'urn:oioo:services';
/** The scope of people's tokens for the casework API. */
export const CASEWORK_SCOPE = 'casework';
/** The scope of service-to-service tokens. */
export const SERVICES_SCOPE = 'services';

/** The casework web console: a public browser client (authorization code + PKCE). */
export const CONSOLE_CLIENT_ID = 'casework-console';
/** The command-line client of `npm run token`: a public native client with a loopback redirect. */
export const CLI_CLIENT_ID = 'casework-cli';
/** The sign-in gateway in front of the local Temporal Web UI (infra/temporal-ui): a public browser client (authorization code + PKCE). */
export const TEMPORAL_UI_CLIENT_ID = 'temporal-ui';
/** Where `casework-cli` is sent back to; nothing listens there, the token command reads the code from the redirect. */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';
/** The scopes a person's sign-in asks for: an ID token with their profile, and the casework API. */
export const PERSON_SCOPE = `openid profile ${CASEWORK_SCOPE}`;

/** The clients that act for people and may only ask for the casework audience. */
export const PERSON_CLIENT_IDS = [CONSOLE_CLIENT_ID, CLI_CLIENT_ID, TEMPORAL_UI_CLIENT_ID] as const;

/** The components that call other components with their own identity (client_credentials to the services audience). */
export const SERVICE_CLIENT_IDS = ['svc-worker', 'svc-identity', 'svc-legal-review', 'svc-transport', 'svc-casework', 'svc-simulator'] as const;

/** The id of one service client. */
export type ServiceClientId = (typeof SERVICE_CLIENT_IDS)[number];

/** True when the id names a service client. */
export function isServiceClientId(clientId: string): clientId is ServiceClientId {
  return (SERVICE_CLIENT_IDS as readonly string[]).includes(clientId);
}
