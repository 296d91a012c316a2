import { join } from 'node:path';
import { startNodeComponent } from '../stack/components';
import { assertPortFree, isHttpHealthy, waitUntil } from '../stack/ports';
import type { StackProfile } from '../stack/stack-profile';
import type { SupervisedProcess } from '../stack/supervised-process';
import { clientSecretFrom, ensureClientSecrets } from './client-secrets';
import { ensureCookieKeys } from './cookie-keys';
import { CASEWORK_AUDIENCE, SERVICES_AUDIENCE, type ServiceClientId } from './oidc-contract';
import { ensureSigningKeys } from './signing-keys';

/** Issuer URL of the profile's local provider (also what the tokens' `iss` says). */
export function oidcIssuerUrl(profile: StackProfile): string {
  return `http://127.0.0.1:${profile.oidc}`;
}

/** The discovery document's URL, which the stack polls until the provider is up. */
export function oidcDiscoveryUrl(profile: StackProfile): string {
  return `${oidcIssuerUrl(profile)}/.well-known/openid-configuration`;
}

/** Where the profile's provider keeps its signing keys, cookie keys and the service clients' secrets (git-ignored, mode 0600). */
export function oidcDataDir(profile: StackProfile): string {
  return join(profile.dataDir, 'oidc');
}

/** The service clients' secrets file (`OIDC_CLIENT_SECRETS_FILE`): a JSON object of client id to secret. */
export function oidcClientsFile(profile: StackProfile): string {
  return join(oidcDataDir(profile), 'clients.json');
}

/**
 * What every component and Jest learn about the provider. The secrets file is made here if missing,
 * so it exists before any component or test reads it, the same as the codec keys.
 */
export function oidcEnvironment(profile: StackProfile): NodeJS.ProcessEnv {
  ensureClientSecrets(oidcClientsFile(profile));
  return {
    OIDC_ISSUER_URL: oidcIssuerUrl(profile),
    OIDC_AUDIENCE: CASEWORK_AUDIENCE,
    OIDC_SERVICE_AUDIENCE: SERVICES_AUDIENCE,
    OIDC_CLIENT_SECRETS_FILE: oidcClientsFile(profile),
  };
}

/** One component's own client id and secret, for whoever starts it to add to its environment. */
export function serviceClientEnvironment(profile: StackProfile, clientId: ServiceClientId): { OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  ensureClientSecrets(oidcClientsFile(profile));
  return { OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecretFrom(oidcClientsFile(profile), clientId) };
}

/** The casework console's address on the profile's console port. */
export function consoleUrl(profile: StackProfile): string {
  return `http://127.0.0.1:${profile.services.console}`;
}

/** Where the casework console is sent back to after sign-in. */
export function consoleRedirectUri(profile: StackProfile): string {
  return `${consoleUrl(profile)}/auth/callback`;
}

/** Where the casework console is sent back to after signing out at the provider. */
export function consolePostLogoutUri(profile: StackProfile): string {
  return `${consoleUrl(profile)}/signed-out`;
}

/** The local Temporal Web UI's address: its sign-in gateway on the profile's UI port (infra/temporal-ui). */
export function temporalUiUrl(profile: StackProfile): string {
  return `http://127.0.0.1:${profile.temporal.uiPort}`;
}

/** Where the Temporal Web UI's sign-in gateway is sent back to after sign-in. */
export function temporalUiRedirectUri(profile: StackProfile): string {
  return `${temporalUiUrl(profile)}/auth/callback`;
}

/** Starts the profile's provider as its own process (log `<logDir>/oidc.log`) and waits until discovery answers. */
export async function startOidcProvider(profile: StackProfile): Promise<SupervisedProcess> {
  await assertPortFree(profile.oidc, 'the local OpenID Connect provider');
  const dir = oidcDataDir(profile);
  // Made here rather than in the provider, so the stack (and its components) never race the provider to create them.
  ensureClientSecrets(oidcClientsFile(profile));
  ensureSigningKeys(dir);
  ensureCookieKeys(dir);
  const provider = startNodeComponent(profile, 'oidc', 'infra/oidc/provider-main.ts', {
    ...process.env,
    OIDC_ISSUER_URL: oidcIssuerUrl(profile),
    OIDC_DATA_DIR: dir,
    OIDC_CONSOLE_REDIRECT_URIS: consoleRedirectUri(profile),
    OIDC_CONSOLE_POST_LOGOUT_REDIRECT_URIS: consolePostLogoutUri(profile),
    OIDC_TEMPORAL_UI_REDIRECT_URIS: temporalUiRedirectUri(profile),
  });
  try {
    await waitUntil(
      async () => {
        provider.assertRunning();
        return isHttpHealthy(oidcDiscoveryUrl(profile));
      },
      30_000,
      `the OpenID Connect provider's discovery document at ${oidcDiscoveryUrl(profile)}`,
      `Read its log: ${provider.spec.logFile}`,
    );
  } catch (error) {
    // Not yet tracked by the caller, so nothing else would stop it.
    await provider.stop();
    throw error;
  }
  return provider;
}
