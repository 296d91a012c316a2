/**
 * `npm run load -- [--seed N] [--days N] [--compression N] [--fixed-rate <arrivals/s>] [--fuzz <count>]
 * [--concurrency N] [--history <file>] [--settle-ms N]`: runs a seeded workload against the local stack (`npm
 * start`'s dev profile; the process's own TEMPORAL_*, KAFKA_*, OIDC_* and CASEWORK_API_URL when
 * OIOO_LOAD_ENV=process), records the history, then runs the checker and prints its report. The seed is
 * printed first, so a failing run can be replayed with the same `--seed`. Exits 1 on any violation.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { loadKafkaConfig } from '@oioo/kafka';
import { createTemporalClient, loadTemporalConfig } from '@oioo/temporal';
import { clientSecretFrom } from '../oidc';
import { exitWith } from '../stack/console-progress';
import { stackEnvironment, vaultEnvironment } from '../stack/local-stack';
import { devProfile } from '../stack/stack-profile';
import { checkHistoryFile, printReport } from './checker';
import { recordChaosRun } from './run';
import { localPersonSignIn } from './run/person-sign-in';

const USAGE =
  'usage: npm run load -- [--seed N] [--days N] [--compression N] [--fixed-rate <arrivals/s>] [--fuzz <count>] [--concurrency N] [--history <file>] [--settle-ms N]';

/** The command's settings. */
interface LoadArguments {
  seed: number;
  days: number;
  compression: number;
  fixedRate?: number;
  fuzz: number;
  concurrency: number;
  history?: string;
  settleMs: number;
}

function parseArguments(args: string[]): LoadArguments {
  const parsed: LoadArguments = { seed: Math.floor(Math.random() * 2 ** 31), days: 1, compression: 1440, fuzz: 0, concurrency: 32, settleMs: 0 };
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index] ?? '';
    const value = args[index + 1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    const number = Number(value);
    const needNumber = () => {
      if (!Number.isFinite(number) || number < 0) throw new Error(`${name} needs a number`);
      return number;
    };
    if (name === '--seed') parsed.seed = Math.trunc(needNumber());
    else if (name === '--days') parsed.days = needNumber();
    else if (name === '--compression') parsed.compression = needNumber();
    else if (name === '--fixed-rate') parsed.fixedRate = needNumber();
    else if (name === '--fuzz') parsed.fuzz = Math.trunc(needNumber());
    else if (name === '--concurrency') parsed.concurrency = Math.trunc(needNumber());
    else if (name === '--settle-ms') parsed.settleMs = Math.trunc(needNumber());
    else if (name === '--history') parsed.history = value;
    else throw new Error(`unknown argument ${name}`);
  }
  return parsed;
}

/**
 * The environment of the target: the dev stack's, with the worker's client credentials for the data-key
 * vault, since the final state is read from the cases' own (encrypted, S4) workflow histories.
 */
function targetEnvironment(): NodeJS.ProcessEnv {
  if (process.env['OIOO_LOAD_ENV'] === 'process') return process.env;
  const env: NodeJS.ProcessEnv = { ...stackEnvironment(devProfile), ...vaultEnvironment(devProfile) };
  return {
    ...env,
    CASEWORK_API_URL: process.env['CASEWORK_API_URL'] ?? `http://127.0.0.1:${devProfile.services.casework}`,
    OIDC_CLIENT_ID: 'svc-worker',
    OIDC_CLIENT_SECRET: clientSecretFrom(env['OIDC_CLIENT_SECRETS_FILE'] ?? '', 'svc-worker'),
  };
}

async function main(): Promise<number> {
  let cli: LoadArguments;
  try {
    cli = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  process.stdout.write(`Load run, seed ${cli.seed} (replay with --seed ${cli.seed})\n`);
  const env = targetEnvironment();
  Object.assign(process.env, env);
  const issuer = env['OIDC_ISSUER_URL'];
  const caseworkUrl = env['CASEWORK_API_URL'];
  if (!issuer || !caseworkUrl) throw new Error('OIDC_ISSUER_URL and CASEWORK_API_URL must name the running platform');
  const historyPath = cli.history ?? join(await mkdtemp(join(tmpdir(), 'oioo-load-')), 'history.jsonl');
  const temporal = await createTemporalClient(loadTemporalConfig(env));
  try {
    const run = await recordChaosRun({
      target: { caseworkUrl, temporal, pilotId: env['PILOT_ID'] || DEFAULT_PILOT_ID, kafka: loadKafkaConfig(env), signIn: localPersonSignIn(issuer) },
      historyPath,
      runId: `run_load_${cli.seed}`,
      workload: {
        seed: cli.seed,
        days: cli.days,
        compression: cli.compression,
        ...(cli.fixedRate !== undefined ? { fixedRate: { arrivalsPerSecond: cli.fixedRate } } : {}),
      },
      fuzzCount: cli.fuzz,
      concurrency: cli.concurrency,
      asFastAsAllowed: false,
      settleMs: cli.settleMs,
    });
    process.stdout.write(`History: ${historyPath}\n`);
    if (!run.lagReturnedToZero) process.stdout.write('Warning: consumer lag had not returned to zero when the final state was taken\n');
    for (const error of run.errors) process.stdout.write(`driver error: ${error}\n`);
  } finally {
    await temporal.connection.close();
  }
  const result = await checkHistoryFile(historyPath, { settleBoundMs: cli.settleMs });
  printReport(result);
  return result.violations === 0 ? 0 : 1;
}

exitWith(main);
