import { ClientCredentialsTokenSource, loadClientCredentialsConfig } from '@oioo/auth';
import { clientSecretFrom } from '@oioo/local-oidc';
import { stackEnv } from './stack';

let worker: ClientCredentialsTokenSource | undefined;

/**
 * The worker's own tokens (`svc-worker`, client credentials) from the stack's OpenID Connect provider,
 * as the worker process gets them: `npm test` exports `OIDC_ISSUER_URL` and `OIDC_CLIENT_SECRETS_FILE`
 * (the clients' secrets), and the in-process worker reads its secret from there. One source per test
 * process, so its token is cached across the tests like the worker's is across its activities.
 */
export function workerTokenSource(): ClientCredentialsTokenSource {
  if (worker) return worker;
  const env = stackEnv();
  const secretsFile = env['OIDC_CLIENT_SECRETS_FILE'];
  if (!secretsFile) throw new Error('OIDC_CLIENT_SECRETS_FILE is not set: the services need tokens from the stack\'s OpenID Connect provider; run the tests with `npm test`.');
  worker = new ClientCredentialsTokenSource(
    loadClientCredentialsConfig({ ...env, OIDC_CLIENT_ID: 'svc-worker', OIDC_CLIENT_SECRET: clientSecretFrom(secretsFile, 'svc-worker') }, 'e2e-worker'),
  );
  return worker;
}

/** The Authorization header a test sends when it calls a service's API in the worker's place. */
export async function asWorker(): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await workerTokenSource().token()}` };
}

/** The casework service's own client (`svc-casework`) and its secret from the stack, for the casework app a test boots. */
export function caseworkClientEnvironment(): { OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  const secretsFile = stackEnv()['OIDC_CLIENT_SECRETS_FILE'];
  if (!secretsFile) throw new Error('OIDC_CLIENT_SECRETS_FILE is not set: the services need tokens from the stack\'s OpenID Connect provider; run the tests with `npm test`.');
  return { OIDC_CLIENT_ID: 'svc-casework', OIDC_CLIENT_SECRET: clientSecretFrom(secretsFile, 'svc-casework') };
}
