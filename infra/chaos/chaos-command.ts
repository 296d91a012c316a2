/**
 * `npm run chaos -- [options]`: the long chaos run of issue 11 on the cluster profile. Starts the cluster fresh,
 * drives a seeded pilot year (by default) of agency traffic and fuzzed events against it while the seeded nemesis
 * kills processes and faults links, records the history, checks it, prints the report and writes it as a results
 * file. The seed is printed first, so a failing run can be replayed with `--seed`. Exits 1 on any violation.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { StackError, exitWith, say, seconds } from '../stack/console-progress';
import { DATA_DIR, REPO_ROOT } from '../stack/repo-paths';
import { acquireStackLock } from '../stack/stack-lock';
import { chaosProfile } from '../stack/stack-profile';
import { formatReport } from './checker';
import { runClusterChaos } from './cluster-chaos-run';
import { chaosRunPassed, formatChaosResults } from './chaos-results';

const USAGE = `Usage: npm run chaos -- [options]

Runs the chaos run of issue 11 on the cluster profile (see infra/chaos/README.md) and checks it.
  --seed N             seed of the workload, the fuzzer and the nemesis (default: drawn and printed)
  --days N             days of intake (default 365: a pilot year)
  --compression N      simulated ms per real ms, for the workload and the platform (default 3000: a day in
                       29 s, a year offered over about three hours, about what the cluster takes on 2 cores)
  --kills N            kill -9s spread over workers, service instances, brokers and Temporal (default 52)
  --network-faults N   latency, resets and 30 s partitions on the links (default 20)
  --fuzz N             bad events published while the load runs (default 100000)
  --concurrency N      actions in flight at most (default 64)
  --settle-ms N        the final state comes this long after the last fault healed (default 120000)
  --stop-after-ms N    offer no action due later than this (real ms); the faults fit in it too (default: the
                       whole schedule, whose last life cycles run months past the intake)
  --history FILE       where the history goes (default .data/chaos-runs/<run>/history.jsonl; the cluster's own
                       folder .data/chaos is emptied at every start)
  --results FILE       where the results table goes (default: beside the history)
  --help               show this text
With --kills 0 --network-faults 0 it is a plain load run on the cluster.`;

/** The command's settings. */
interface ChaosArguments {
  seed: number;
  days: number;
  compression: number;
  kills: number;
  networkFaults: number;
  fuzz: number;
  concurrency: number;
  settleMs: number;
  stopAfterMs?: number;
  history?: string;
  results?: string;
}

function parseArguments(args: string[]): ChaosArguments {
  const parsed: ChaosArguments = {
    seed: Math.floor(Math.random() * 2 ** 31),
    days: 365,
    compression: 3_000,
    kills: 52,
    networkFaults: 20,
    fuzz: 100_000,
    concurrency: 64,
    settleMs: 120_000,
  };
  const numbers: Record<string, keyof ChaosArguments> = {
    '--seed': 'seed',
    '--days': 'days',
    '--compression': 'compression',
    '--kills': 'kills',
    '--network-faults': 'networkFaults',
    '--fuzz': 'fuzz',
    '--concurrency': 'concurrency',
    '--settle-ms': 'settleMs',
    '--stop-after-ms': 'stopAfterMs',
  };
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index] ?? '';
    const value = args[index + 1];
    if (value === undefined) throw new StackError(`${name} needs a value.`, USAGE);
    if (name === '--history') parsed.history = value;
    else if (name === '--results') parsed.results = value;
    else if (numbers[name]) {
      const number = Number(value);
      if (!Number.isFinite(number) || number < 0) throw new StackError(`${name} needs a number, 0 or more, not "${value}".`, USAGE);
      (parsed as unknown as Record<string, number>)[numbers[name]] = name === '--days' || name === '--compression' ? number : Math.trunc(number);
    } else throw new StackError(`Unknown option ${name}.`, USAGE);
  }
  if (parsed.days <= 0 || parsed.compression < 1) throw new StackError('--days must be above 0 and --compression 1 or more.', USAGE);
  return parsed;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    say('chaos', USAGE);
    return 0;
  }
  const cli = parseArguments(args);
  const runId = `run_chaos_${cli.seed}`;
  process.stdout.write(`Chaos run ${runId}, seed ${cli.seed} (replay with --seed ${cli.seed})\n`);
  const historyPath = cli.history ?? join(DATA_DIR, 'chaos-runs', runId, 'history.jsonl');
  const resultsPath = cli.results ?? join(dirname(historyPath), 'results.md');
  mkdirSync(dirname(historyPath), { recursive: true });
  const profile = chaosProfile();
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm run chaos');
  let stopCluster: (() => Promise<void>) | undefined;
  const interrupt = () => {
    say('chaos', 'stopping the cluster ...');
    void (stopCluster?.() ?? Promise.resolve()).finally(() => {
      releaseLock();
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const commit = gitCommit();
    const result = await runClusterChaos({
      profile,
      seed: cli.seed,
      workload: { days: cli.days, compression: cli.compression },
      kills: cli.kills,
      networkFaults: cli.networkFaults,
      fuzzCount: cli.fuzz,
      concurrency: cli.concurrency,
      settleMs: cli.settleMs,
      ...(cli.stopAfterMs !== undefined ? { stopAfterMs: cli.stopAfterMs } : {}),
      historyPath,
      runId,
      versions: { commit, node: process.version },
      log: (line) => say('chaos', line),
      onClusterStarted: (stop) => (stopCluster = stop),
    });
    const report = formatReport(result.check);
    process.stdout.write(`${report}\n`);
    mkdirSync(dirname(resultsPath), { recursive: true });
    writeFileSync(resultsPath, formatChaosResults({ result, commit, arguments: { ...cli }, command: replayCommand(args, cli.seed) }));
    say('chaos', `history ${relative(REPO_ROOT, historyPath)}, results ${relative(REPO_ROOT, resultsPath)}; cluster ${seconds(result.timings.clusterStartMs)}, run ${seconds(result.timings.runMs)}, check ${seconds(result.timings.checkMs)}`);
    return chaosRunPassed(result) ? 0 : 1;
  } finally {
    releaseLock();
  }
}

/** The command line that replays the run: its own arguments, with the seed it drew when none was given. */
function replayCommand(args: readonly string[], seed: number): string {
  return ['npm run chaos --', ...(args.includes('--seed') ? [] : ['--seed', String(seed)]), ...args].join(' ');
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

exitWith(main);
