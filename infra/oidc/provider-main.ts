import { createServer } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import Provider from 'oidc-provider';
import { createLogger, listVariable, parseConfig } from '@oioo/config';
import { clientRegistrations } from './client-registrations';
import { ensureClientSecrets } from './client-secrets';
import { ensureCookieKeys } from './cookie-keys';
import { interactionRoutes } from './interactions';
import { providerConfiguration } from './provider-configuration';
import { SEEDED_PEOPLE, seedProblems } from './seeded-people';
import { ensureSigningKeys } from './signing-keys';

/** The provider process's environment; the local stack sets it (see oidc-stack.ts). */
const ProviderEnv = z.object({
  OIDC_ISSUER_URL: z.url().refine((url) => /^http:\/\/127\.0\.0\.1:\d+$/.test(url), 'must be http://127.0.0.1:<port>: this provider is for this machine only'),
  OIDC_DATA_DIR: z.string().min(1),
  OIDC_CONSOLE_REDIRECT_URIS: listVariable,
  OIDC_CONSOLE_POST_LOGOUT_REDIRECT_URIS: listVariable.default([]),
  OIDC_TEMPORAL_UI_REDIRECT_URIS: listVariable.default([]),
  OIDC_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 60 * 60).default(15 * 60),
});

/**
 * The local OpenID Connect provider as its own process: the seeded people sign in on its login page,
 * the service clients get client_credentials tokens, and its keys and client secrets persist in
 * OIDC_DATA_DIR so tokens and secrets survive a restart. Never deployed: production uses the
 * department's identity provider.
 */
function main(): void {
  const log = createLogger('oidc');
  const env = parseConfig('oidc', ProviderEnv);
  const problems = seedProblems(SEEDED_PEOPLE);
  if (problems.length > 0) throw new Error(`the seeded people are inconsistent:\n  ${problems.join('\n  ')}`);

  const clients = clientRegistrations({
    consoleRedirectUris: env.OIDC_CONSOLE_REDIRECT_URIS,
    consolePostLogoutRedirectUris: env.OIDC_CONSOLE_POST_LOGOUT_REDIRECT_URIS,
    temporalUiRedirectUris: env.OIDC_TEMPORAL_UI_REDIRECT_URIS,
    serviceSecrets: ensureClientSecrets(join(env.OIDC_DATA_DIR, 'clients.json')),
  });
  const configuration = providerConfiguration({
    clients,
    signingKeys: ensureSigningKeys(env.OIDC_DATA_DIR).keys,
    cookieKeys: ensureCookieKeys(env.OIDC_DATA_DIR),
    accessTokenTtlSeconds: env.OIDC_ACCESS_TOKEN_TTL_SECONDS,
  });
  const provider = new Provider(env.OIDC_ISSUER_URL, configuration);
  provider.on('server_error', (_ctx, error) => log.error('server error', { error: error.stack ?? error.message }));
  // Refusals (a wrong redirect, PKCE missing, an audience a client may not have) are logged, so the log says why a client failed.
  const refused = (event: string) => (_ctx: unknown, error: Error & { error_description?: string }) => log.warn(event, { error: error.message, detail: error.error_description });
  provider.on('authorization.error', refused('authorization refused'));
  provider.on('grant.error', refused('token request refused'));
  provider.on('grant.success', (ctx) => log.info('token issued', { client: ctx.oidc.client?.clientId, grantType: String(ctx.oidc.params?.['grant_type']) }));

  const interactions = interactionRoutes(provider, log);
  const handleProvider = provider.callback();
  const server = createServer((req, res) => {
    interactions(req, res)
      .then((handled) => (handled ? undefined : handleProvider(req, res)))
      .catch((error: unknown) => {
        log.error('interaction failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('The sign-in failed; see the provider log.');
      });
  });
  const { port } = new URL(env.OIDC_ISSUER_URL);
  server.listen(Number(port), '127.0.0.1', () => log.info('listening', { issuer: env.OIDC_ISSUER_URL, clients: clients.length, people: SEEDED_PEOPLE.length }));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  main();
} catch (error) {
  process.stderr.write(`oidc: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
