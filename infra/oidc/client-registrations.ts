import type { ClientMetadata } from 'oidc-provider';
import type { ClientSecrets } from './client-secrets';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, CONSOLE_CLIENT_ID, SERVICE_CLIENT_IDS, TEMPORAL_UI_CLIENT_ID } from './oidc-contract';

/** What the registrations depend on: where the console and the Temporal Web UI's gateway are sent back to, and the service clients' secrets. */
export interface RegistrationInputs {
  consoleRedirectUris: readonly string[];
  consolePostLogoutRedirectUris: readonly string[];
  temporalUiRedirectUris: readonly string[];
  serviceSecrets: ClientSecrets;
}

/**
 * The provider's static clients. People's clients are public (no secret to leak from a browser or a
 * terminal), so they get the authorization code grant only and the provider insists on PKCE; service
 * clients get client_credentials only, with a secret from the clients file, and no redirect at all.
 * A client's `scope` lists only OpenID scopes (the provider allows no others there); which audience and
 * API scope a client may have is decided by the resource indicator policy in provider-configuration.ts.
 */
export function clientRegistrations(inputs: RegistrationInputs): ClientMetadata[] {
  const person = { grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none', scope: 'openid profile' } as const;
  return [
    {
      ...person,
      client_id: CONSOLE_CLIENT_ID,
      client_name: 'Casework console',
      application_type: 'web',
      redirect_uris: [...inputs.consoleRedirectUris],
      post_logout_redirect_uris: [...inputs.consolePostLogoutRedirectUris],
    },
    { ...person, client_id: TEMPORAL_UI_CLIENT_ID, client_name: 'Temporal Web UI (local)', application_type: 'web', redirect_uris: [...inputs.temporalUiRedirectUris] },
    // Native with a loopback redirect (RFC 8252): the token command never listens, it reads the code from the redirect.
    { ...person, client_id: CLI_CLIENT_ID, client_name: 'Casework command line', application_type: 'native', redirect_uris: [CLI_REDIRECT_URI] },
    ...SERVICE_CLIENT_IDS.map((clientId) => {
      const secret = inputs.serviceSecrets[clientId];
      if (secret === undefined) throw new Error(`no secret for service client ${clientId} in the clients file`);
      return {
        client_id: clientId,
        client_secret: secret,
        client_name: `Service ${clientId.slice('svc-'.length)}`,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      } satisfies ClientMetadata;
    }),
  ];
}
