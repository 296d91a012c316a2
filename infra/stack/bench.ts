import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StackError, exitWith, say, seconds } from './console-progress';
import { stackEnvironment, startInfrastructure } from './local-stack';
import { provisionTools } from './provision';
import { runAttached } from './shell';
import { DATA_DIR, REPO_ROOT, TS_REGISTER } from './repo-paths';
import { acquireStackLock } from './stack-lock';
import { benchProfile as profile } from './stack-profile';
import type { SupervisedProcess } from './supervised-process';

/** The benchmarks `npm run bench` runs, one process each, in this order. */
const BENCHMARKS = [
  'bench/ledger-updates.bench.ts',
  'bench/casework-step.bench.ts',
  'bench/arrival-screening.bench.ts',
  'bench/case-ingest.bench.ts',
  'bench/kafkajs-idle.bench.ts',
  'bench/worker-memory.bench.ts',
  // Last: it leaves up to 50,000 open cases on the server.
  'bench/open-cases.bench.ts',
];

/** The benchmarks named on the command line (`npm run bench -- case-ingest open-cases`), or all of them. */
function selectedBenchmarks(names: readonly string[]): string[] {
  if (names.length === 0) return BENCHMARKS;
  const chosen = names.map((name) => BENCHMARKS.find((path) => path === `bench/${name}.bench.ts` || path === name));
  const unknown = names.filter((_, index) => !chosen[index]);
  if (unknown.length > 0) throw new StackError(`no benchmark named ${unknown.join(', ')}`, `Name them as ${BENCHMARKS.map((path) => path.slice('bench/'.length, -'.bench.ts'.length)).join(', ')}.`);
  return chosen as string[];
}

/**
 * `npm run bench`: starts a fresh Temporal dev server of its own (the one `npm start` runs, on the bench
 * profile's ports), a Kafka broker with the catalogue's topics (for the ingest benchmark) and the local
 * OpenID Connect provider (for the casework API's tokens), runs each benchmark (or those named as
 * arguments) against them with the stack's settings in its environment, then stops them. A benchmark reads
 * only TEMPORAL_* (and KAFKA_BROKERS, OIDC_ISSUER_URL), so it can be pointed at a real cluster instead.
 */
async function main(): Promise<number> {
  const startedAt = Date.now();
  const benchmarks = selectedBenchmarks(process.argv.slice(2));
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm run bench');
  const running: SupervisedProcess[] = [];
  try {
    rmSync(profile.dataDir, { recursive: true, force: true });
    await provisionTools();
    // Each component is tracked as soon as it is up, so a failure of another still stops it.
    await startInfrastructure(profile, { ui: false }, (component) => running.push(component));
    const env = { ...stackEnvironment(profile), OIOO_STACK: profile.name };
    for (const benchmark of benchmarks) {
      const exitCode = await runAttached(process.execPath, ['-r', TS_REGISTER, join(REPO_ROOT, benchmark)], { cwd: REPO_ROOT, env });
      if (exitCode !== 0) throw new StackError(`${benchmark} failed (exit code ${exitCode})`, `Read its output above; the server's, the broker's and the provider's logs are in ${profile.logDir}.`);
    }
    say('bench', `finished in ${seconds(Date.now() - startedAt)}`);
    return 0;
  } finally {
    for (const component of running.reverse()) await component.stop();
    releaseLock();
  }
}

exitWith(main);
