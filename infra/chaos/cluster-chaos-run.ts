import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { type Database, createDatabase } from '@oioo/database';
import { loadKafkaConfig } from '@oioo/kafka';
import { createTemporalClient, loadTemporalConfig } from '@oioo/temporal';
import { serviceClientEnvironment } from '../oidc';
import { timeCompressionEnvironment } from '../stack/local-stack';
import { type StackProfile } from '../stack/stack-profile';
import { type CheckResult, checkHistoryFile } from './checker';
import { type ChaosCluster, startCluster } from './cluster';
import { type FaultKind, type ServiceTable } from './history';
import { type FaultPlan, planFaults, runNemesis } from './nemesis';
import { type ChaosRunResult, type FaultLog, type Nemesis, readIdentityTables, readLegalReviewTables, readTransportTables, recordChaosRun } from './run';
import { localPersonSignIn } from './run/person-sign-in';
import { type WorkloadOptionsInput } from './workload';

/** Settings of {@link runClusterChaos}. */
export interface ClusterChaosOptions {
  profile: StackProfile;
  /** Seeds the workload, the fuzzer and the nemesis. */
  seed: number;
  /** The workload without its seed; its `compression` is the platform's too. */
  workload: Omit<WorkloadOptionsInput, 'seed'> & { compression: number; days: number };
  kills: number;
  networkFaults: number;
  /** The fault kinds the nemesis may use (default all); each is used at least once. */
  faultKinds?: readonly FaultKind[];
  fuzzCount: number;
  concurrency: number;
  /** The final state comes this long after the last fault healed; the checker judges stuck cases with the same bound. */
  settleMs: number;
  historyPath: string;
  runId: string;
  /** Stop offering actions due later than this (real ms); the nemesis's window ends there too. */
  stopAfterMs?: number;
  waitLimitMs?: number;
  /** What ran (git commit...), for the record. */
  versions?: Record<string, string>;
  log: (line: string) => void;
  /** Called once the cluster is up, with how to stop it (a command stops it on Ctrl-C). */
  onClusterStarted?: (stop: () => Promise<void>) => void;
}

/** What a cluster chaos run leaves: the recorded run, the checker's verdict, the fault plan and how long each part took. */
export interface ClusterChaosResult {
  run: ChaosRunResult;
  check: CheckResult;
  plan: FaultPlan;
  /** Processes that exited without being killed (each restarted); a run with any fails. */
  unexpectedExits: string[];
  /** The workers' resets of a ledger task that diverged on replay (`LEDGER_DIVERGENCE_CHECK`), as their logs tell. */
  divergedTaskResets: number;
  timings: { clusterStartMs: number; runMs: number; checkMs: number };
}

/**
 * A chaos run on the cluster profile (issue 11): the cluster started fresh at the workload's time compression,
 * the seeded workload and fuzzed events driven against it while the seeded nemesis kills processes and faults
 * links, the history recorded with the final state (workflows, the services' tables from their PostgreSQL
 * databases, the ledger), and the checker run on it. The cluster is stopped at the end, whatever happened.
 */
export async function runClusterChaos(options: ClusterChaosOptions): Promise<ClusterChaosResult> {
  const intakeMs = (options.workload.days * 86_400_000) / options.workload.compression;
  // The nemesis and the fuzzer act over the intake window, while the load runs.
  const windowMs = Math.min(intakeMs, options.stopAfterMs ?? intakeMs);
  const plan = planFaults({ seed: options.seed, durationMs: windowMs, kills: options.kills, networkFaults: options.networkFaults, ...(options.faultKinds ? { kinds: options.faultKinds } : {}) });
  const startedAt = Date.now();
  // A process that exits without the nemesis having killed it crashed on its own: a finding. It is restarted, as
  // an orchestrator would, so the run goes on, and the run fails with it named.
  const unexpectedExits: string[] = [];
  let running: ChaosCluster | undefined;
  const onUnexpectedExit = (name: string, code: number | null) => {
    unexpectedExits.push(`${name} exited with code ${code} at ${new Date().toISOString()}`);
    options.log(`${name} exited on its own with code ${code}${running ? '; restarting it' : ''}`);
    if (running) running.restart(name).catch((error: unknown) => options.log(`${name} could not be restarted: ${(error as Error).message}`));
  };
  const cluster = await startCluster({ profile: options.profile, environment: timeCompressionEnvironment(options.workload.compression), onUnexpectedExit });
  const clusterStartMs = Date.now() - startedAt;
  try {
    if (unexpectedExits.length > 0) throw new Error(`The cluster did not start cleanly: ${unexpectedExits.join('; ')}. Read the logs in ${options.profile.logDir}.`);
    running = cluster;
    options.onClusterStarted?.(() => cluster.stop());
    const env: NodeJS.ProcessEnv = {
      ...cluster.harnessEnvironment,
      TEMPORAL_CODEC_VAULT_URL: cluster.urls.casework,
      ...serviceClientEnvironment(options.profile, 'svc-worker'),
    };
    // The final state is read from the cases' encrypted histories (S4): the codec reaches the vault with these.
    Object.assign(process.env, env);
    const temporal = await createTemporalClient(loadTemporalConfig(env));
    const runStartedAt = Date.now();
    let run: ChaosRunResult;
    try {
      run = await recordChaosRun({
        target: { caseworkUrl: requireUrl(cluster.urls.casework, 'casework'), temporal, pilotId: env['PILOT_ID'] || DEFAULT_PILOT_ID, kafka: loadKafkaConfig(env), signIn: localPersonSignIn(cluster.urls.oidcIssuer) },
        historyPath: options.historyPath,
        runId: options.runId,
        workload: { ...options.workload, seed: options.seed },
        fuzzCount: options.fuzzCount,
        fuzzSpreadMs: windowMs,
        concurrency: options.concurrency,
        settleMs: options.settleMs,
        ...(options.stopAfterMs !== undefined ? { stopAfterMs: options.stopAfterMs } : {}),
        ...(options.waitLimitMs !== undefined ? { waitLimitMs: options.waitLimitMs } : {}),
        nemesis: clusterNemesis(plan, cluster, options.log),
        serviceTables: () => readServiceTables(requireUrl(cluster.urls.postgres, 'postgres')),
        versions: options.versions ?? {},
      });
    } finally {
      await temporal.connection.close();
    }
    const runMs = Date.now() - runStartedAt;
    const checkStartedAt = Date.now();
    const check = await checkHistoryFile(options.historyPath, { settleBoundMs: options.settleMs, maxExamples: 50 });
    const divergedTaskResets = countWorkerLogLines(options.profile.logDir, DIVERGED_TASK_RESET);
    return { run, check, plan, unexpectedExits, divergedTaskResets, timings: { clusterStartMs, runMs, checkMs: Date.now() - checkStartedAt } };
  } finally {
    await cluster.stop();
  }
}

/** The message the worker logs when it resets a diverged task (workflows/worker/src/ledger/diverged-task-reset.ts). */
const DIVERGED_TASK_RESET = 'workflow reset past a diverged task';

/** How many lines of the workers' logs in `logDir` hold `message`. */
function countWorkerLogLines(logDir: string, message: string): number {
  const logs = readdirSync(logDir).filter((name) => /^worker-.*\.log$/.test(name));
  return logs.reduce((count, name) => count + readFileSync(join(logDir, name), 'utf8').split('\n').filter((line) => line.includes(message)).length, 0);
}

/** The nemesis of the cluster profile: the seeded plan run against the cluster's processes and proxies, each fault in the run's history. */
export function clusterNemesis(plan: FaultPlan, cluster: ChaosCluster, log: (line: string) => void): Nemesis {
  return {
    // The plan is bounded in count and time and heals every fault, so it is let finish rather than stopped.
    async run(faults: FaultLog) {
      const recorded = new Map<string, string>();
      await runNemesis(
        plan,
        cluster,
        {
          faultInjected: async (fault) => void recorded.set(fault.faultId, await faults.injected(fault.kind, fault.target, fault.parameters)),
          faultHealed: async (fault) => faults.healed(recorded.get(fault.faultId) ?? fault.faultId),
        },
        { log: (line) => log(`[nemesis] ${line}`) },
      );
    },
  };
}

/** The services' tables the checker judges, each read from its service's own PostgreSQL database. */
async function readServiceTables(postgresAddress: string): Promise<ServiceTable[]> {
  const read = async (database: string, schema: string, reader: (db: Database) => Promise<ServiceTable[]>) => {
    const db = await createDatabase({ driver: 'postgres', url: `postgres://postgres@${postgresAddress}/${database}`, poolMax: 1 }, { schema });
    try {
      return await reader(db);
    } finally {
      await db.close();
    }
  };
  return [
    ...(await read('transport', 'transport', readTransportTables)),
    ...(await read('identity', 'identity', readIdentityTables)),
    ...(await read('legal_review', 'legal_review', readLegalReviewTables)),
  ];
}

function requireUrl(url: string | undefined, what: string): string {
  if (!url) throw new Error(`The cluster has no ${what} address: was it started with scope 'full'?`);
  return url;
}
