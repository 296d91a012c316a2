import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { oidcIssuerUrl, startOidcProvider } from '../oidc/oidc-stack';
import { startTemporalDevServer, temporalAddress } from '../temporal/dev-server';
import { StackError, exitWith, say, seconds, step } from './console-progress';
import { stackEnvironment } from './local-stack';
import { provisionTools } from './provision';
import { runAttached } from './shell';
import { DATA_DIR, REPO_ROOT, TS_REGISTER } from './repo-paths';
import { acquireStackLock } from './stack-lock';
import { benchProfile as profile } from './stack-profile';
import type { SupervisedProcess } from './supervised-process';

/** The benchmarks `npm run bench` runs, one process each, in this order. */
const BENCHMARKS = ['bench/ledger-updates.bench.ts', 'bench/casework-step.bench.ts', 'bench/arrival-screening.bench.ts'];

/**
 * `npm run bench`: starts a fresh Temporal dev server of its own (the one `npm start` runs, on the bench
 * profile's ports) and the local OpenID Connect provider (for the casework API's tokens), runs each
 * benchmark against them with the stack's settings in its environment, then stops both. A benchmark reads
 * only TEMPORAL_* (and OIDC_ISSUER_URL), so it can be pointed at a real cluster instead.
 */
async function main(): Promise<number> {
  const startedAt = Date.now();
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm run bench');
  const running: SupervisedProcess[] = [];
  try {
    rmSync(profile.dataDir, { recursive: true, force: true });
    await provisionTools();
    // Side by side; each is tracked as soon as it is up, so a failure of the other still stops it.
    const started = await Promise.allSettled([
      step('temporal', `starting the Temporal dev server on ${temporalAddress(profile)}`, async () => {
        running.push(await startTemporalDevServer(profile, { ui: false }));
      }),
      step('oidc', `starting the OpenID Connect provider at ${oidcIssuerUrl(profile)}`, async () => {
        running.push(await startOidcProvider(profile));
      }),
    ]);
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    const env = { ...stackEnvironment(profile), OIOO_STACK: profile.name };
    for (const benchmark of BENCHMARKS) {
      const exitCode = await runAttached(process.execPath, ['-r', TS_REGISTER, join(REPO_ROOT, benchmark)], { cwd: REPO_ROOT, env });
      if (exitCode !== 0) throw new StackError(`${benchmark} failed (exit code ${exitCode})`, `Read its output above; the server's and the provider's logs are in ${profile.logDir}.`);
    }
    say('bench', `finished in ${seconds(Date.now() - startedAt)}`);
    return 0;
  } finally {
    for (const component of running.reverse()) await component.stop();
    releaseLock();
  }
}

exitWith(main);
