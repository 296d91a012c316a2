import { rmSync } from 'node:fs';
import { join } from 'node:path';
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
const BENCHMARKS = ['bench/ledger-updates.bench.ts'];

/**
 * `npm run bench`: starts a fresh Temporal dev server of its own (the one `npm start` runs, on the bench
 * profile's ports), runs each benchmark against it with the stack's settings in its environment, then
 * stops the server. A benchmark reads only TEMPORAL_*, so it can be pointed at a real cluster instead.
 */
async function main(): Promise<number> {
  const startedAt = Date.now();
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm run bench');
  let server: SupervisedProcess | undefined;
  try {
    rmSync(profile.dataDir, { recursive: true, force: true });
    await provisionTools();
    server = await step('temporal', `starting the Temporal dev server on ${temporalAddress(profile)}`, () => startTemporalDevServer(profile, { ui: false }));
    const env = { ...stackEnvironment(profile), OIOO_STACK: profile.name };
    for (const benchmark of BENCHMARKS) {
      const exitCode = await runAttached(process.execPath, ['-r', TS_REGISTER, join(REPO_ROOT, benchmark)], { cwd: REPO_ROOT, env });
      if (exitCode !== 0) throw new StackError(`${benchmark} failed (exit code ${exitCode})`, `Read its output above; the server's log is in ${profile.logDir}.`);
    }
    say('bench', `finished in ${seconds(Date.now() - startedAt)}`);
    return 0;
  } finally {
    await server?.stop();
    releaseLock();
  }
}

exitWith(main);
