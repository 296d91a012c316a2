import { dirname } from 'node:path';
import { type HistoryWriter, HistoryWriter as Writer, type ServiceTable } from '../history';
import { fuzzEvents } from '../fuzz';
import { type WorkloadOptionsInput, generateWorkload } from '../workload';
import { CaseStates } from './case-states';
import { CaseworkSteps } from './casework-steps';
import { ChaosKafka } from './chaos-kafka';
import { type ChaosTarget } from './chaos-target';
import { type QueryFailure, recordFinalState } from './final-state';
import { platformSubscriptions, recordConsumption, waitForConsumers } from './kafka-outcomes';
import { LedgerWatch } from './ledger-watch';
import { FaultLog, type Nemesis } from './nemesis-seam';
import { publishWithRetries } from './publish-with-retries';
import { RunProgress } from './run-progress';
import { RunRecorder } from './run-recorder';
import { runWorkload } from './run-workload';

/** Settings of a recorded chaos run. */
export interface ChaosRunOptions {
  target: ChaosTarget;
  /** The history file to create (a run never appends to an existing one). */
  historyPath: string;
  runId: string;
  /** The workload's settings; its seed seeds the fuzzer too. */
  workload: WorkloadOptionsInput;
  /** Bad events to publish while the workload runs. */
  fuzzCount?: number;
  /** Real ms to spread them over (default `stopAfterMs`, else 60 s): a long run's intake window. */
  fuzzSpreadMs?: number;
  concurrency?: number;
  /** Take actions as fast as concurrency allows rather than at their real offsets. */
  asFastAsAllowed?: boolean;
  /** Stop offering actions due later than this (real ms since the start). */
  stopAfterMs?: number;
  /** How long an action may wait for its fact or state. */
  waitLimitMs?: number;
  /** The final state is taken at least this long after the last fault healed (the checker's settle bound). */
  settleMs?: number;
  /** How long to wait for the consumer groups to catch up before reading the outcome. */
  lagTimeoutMs?: number;
  nemesis?: Nemesis;
  /** Reads the services' tables for the final state (where they are is the platform's to know); none when absent. */
  serviceTables?: () => Promise<ServiceTable[]>;
  /** What ran (git commit, Node...), for the record. */
  versions?: Record<string, string>;
  progress?: RunProgress;
}

/** What a run leaves: where its history is and the driver's counters. */
export interface ChaosRunResult {
  historyPath: string;
  progress: ReturnType<RunProgress['snapshot']>;
  errors: readonly string[];
  /** Whether every consumer group caught up with the run's messages before the final state. */
  lagReturnedToZero: boolean;
  /** Workflows whose own query failed when the final state was read (a replay that fails is a product bug). */
  queryFailures: QueryFailure[];
}

/**
 * One chaos run, recorded: the workload driven against the platform with fuzzed events mixed in and the
 * nemesis (if any) injecting faults, then, once every fault has healed, the consumer groups have caught up
 * and the settle time has passed, the consumption and dead letters read from Kafka and the final state read
 * from Temporal. The history ends with `run-ended` (`aborted` with the reason when the run failed).
 */
export async function recordChaosRun(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const history = await Writer.create(options.historyPath);
  const kafka = new ChaosKafka(options.target.kafka);
  const progress = options.progress ?? new RunProgress();
  const subscriptions = platformSubscriptions();
  const seed = options.workload.seed;
  try {
    await history.append({ type: 'run-started', runId: options.runId, seed, settings: settingsOf(options), versions: options.versions ?? {}, subscriptions });
    const recorder = new RunRecorder(history, kafka);
    await recorder.watchFacts();
    const ledger = new LedgerWatch(options.target.temporal, options.target.pilotId);
    ledger.start();
    progress.start();
    const faults = new FaultLog(history);
    const stopNemesis = new AbortController();
    // Its failure is kept, not left unhandled while the workload runs, and thrown once the workload is done.
    const nemesis = (options.nemesis?.run(faults, stopNemesis.signal) ?? Promise.resolve()).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    const steps = new CaseworkSteps({ baseUrl: options.target.caseworkUrl, history, signIn: (username) => options.target.signIn(username) });
    const workload = runWorkload({
      schedule: generateWorkload(options.workload),
      recorder,
      steps,
      states: new CaseStates(options.target.temporal),
      concurrency: options.concurrency ?? 32,
      progress,
      ...(options.asFastAsAllowed ? { asFastAsAllowed: true } : {}),
      ...(options.stopAfterMs !== undefined ? { stopAfterMs: options.stopAfterMs } : {}),
      ...(options.waitLimitMs !== undefined ? { waitLimitMs: options.waitLimitMs } : {}),
    });
    const fuzz = publishFuzz(recorder, progress, seed, options.fuzzCount ?? 0, options.fuzzSpreadMs ?? options.stopAfterMs ?? 60_000);
    await Promise.all([workload, fuzz]);
    stopNemesis.abort();
    const nemesisFailure = await nemesis;
    if (nemesisFailure) throw nemesisFailure;
    if (faults.unhealed > 0) throw new Error(`${faults.unhealed} faults were never healed`);
    const say = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
    say('workload done and every fault healed; waiting for the consumer groups to catch up');
    const lagReturnedToZero = await waitForConsumers(kafka, recorder.published, subscriptions, options.lagTimeoutMs ?? 120_000);
    const settleUntil = faults.lastHealed + (options.settleMs ?? 0);
    if (settleUntil > Date.now()) {
      say(`settling for ${Math.ceil((settleUntil - Date.now()) / 1000)} s after the last fault healed`);
      await new Promise((resolve) => setTimeout(resolve, settleUntil - Date.now()));
    }
    progress.stop();
    await recordConsumption(kafka, history, recorder.published, subscriptions);
    const queryFailures = await recordFinalState({ client: options.target.temporal, history, caseIds: recorder.arrivalCaseIds, eoiIds: recorder.eoiIds, ledger, failedHistoriesDir: dirname(options.historyPath), log: say });
    if (options.serviceTables) for (const tables of inChunks(await options.serviceTables())) await history.append({ type: 'service-tables', tables });
    for (const failure of queryFailures) process.stderr.write(`[chaos] query of ${failure.workflowId} (run ${failure.runId}) failed: ${failure.reason}; history saved to ${failure.historyPath}\n`);
    await history.append({ type: 'run-ended', outcome: 'completed' });
    return { historyPath: options.historyPath, progress: progress.snapshot(), errors: progress.errors, lagReturnedToZero, queryFailures };
  } catch (error) {
    progress.stop();
    await history.append({ type: 'run-ended', outcome: 'aborted', reason: `the harness failed: ${(error as Error).name ?? 'Error'}` }).catch(() => undefined);
    throw error;
  } finally {
    await closeQuietly(history);
    await kafka.close();
  }
}

/**
 * Publishes the fuzzed events spread over the run. The fuzzer starts once the workload has published some
 * events, so duplicates and out-of-order facts can name real messages and cases.
 */
async function publishFuzz(recorder: RunRecorder, progress: RunProgress, seed: number, count: number, spreadMs: number): Promise<void> {
  if (count === 0) return;
  const started = Date.now();
  while (recorder.published.length < 20 && Date.now() - started < spreadMs / 3) await new Promise((resolve) => setTimeout(resolve, 500));
  const gapMs = (spreadMs * 0.6) / count;
  for (const item of fuzzEvents({ seed, count, published: recorder.recentMessages, realCaseIds: [...recorder.caseIds], realEoiIds: [...recorder.eoiIds] })) {
    // A broker killed under the fuzzer refuses a publish as it refuses the workload's: sent again, and if it still
    // fails, counted as a driver error; the run goes on (unacknowledged, it is not in the history to be judged).
    await publishWithRetries(() => recorder.publishFuzz(item), 60_000).then(
      () => progress.fuzzed(),
      (error: unknown) => progress.fuzzFailed(item.mutation, error),
    );
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

function settingsOf(options: ChaosRunOptions): Record<string, string | number | boolean | null> {
  const { workload } = options;
  const settings: Record<string, string | number | boolean | null> = {
    concurrency: options.concurrency ?? 32,
    fuzzCount: options.fuzzCount ?? 0,
    asFastAsAllowed: options.asFastAsAllowed ?? false,
    stopAfterMs: options.stopAfterMs ?? null,
    settleMs: options.settleMs ?? 0,
    nemesis: options.nemesis !== undefined,
  };
  for (const [name, value] of Object.entries(workload)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[`workload.${name}`] = value;
  }
  if (workload.fixedRate) {
    settings['workload.fixedRate.arrivalsPerSecond'] = workload.fixedRate.arrivalsPerSecond;
    settings['workload.fixedRate.eoisPerSecond'] = workload.fixedRate.eoisPerSecond ?? 0;
  }
  return settings;
}

/** Rows per `service-tables` record: a year's tables (tens of thousands of rows) would make one line of many megabytes. */
const TABLE_ROWS_PER_RECORD = 5_000;

/** Splits the tables into records of at most {@link TABLE_ROWS_PER_RECORD} rows, a long table over several (the schema allows it). */
function* inChunks(tables: readonly ServiceTable[]): Generator<ServiceTable[]> {
  for (const table of tables) {
    for (let start = 0; start === 0 || start < table.rows.length; start += TABLE_ROWS_PER_RECORD) {
      yield [{ ...table, rows: table.rows.slice(start, start + TABLE_ROWS_PER_RECORD) } as ServiceTable];
    }
  }
}

async function closeQuietly(history: HistoryWriter): Promise<void> {
  await history.close().catch(() => undefined);
}
