import { type Client } from '@temporalio/client';
import { type TaskQueue, TaskQueues } from '@oioo/contracts';
import { type TemporalConfig, createTemporalClient, createTemporalWorker, loadTemporalConfig } from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';

/**
 * The task queue the benchmark's worker polls: the ledger's own. The benchmarks start every workflow they
 * measure on it, readmission cases included, so one worker runs them all.
 */
export const BENCH_TASK_QUEUE = TaskQueues.equivalence;

/** A worker running the benchmark's workflows, and a client, on the Temporal named by TEMPORAL_*. */
export interface BenchWorker {
  client: Client;
  config: TemporalConfig;
  /** Workflows in the worker's sticky cache now. */
  cachedWorkflows(): number;
  /** Stops the worker and closes the client. */
  stop(): Promise<void>;
}

/** Where a benchmark's worker polls, and how many workflows it keeps in its sticky cache (the SDK's default when unset). */
export interface BenchWorkerOptions {
  taskQueue?: TaskQueue;
  maxCachedWorkflows?: number;
}

/** Connects with the production data converter (payloads encrypted) on both sides, as the platform does. */
export async function startBenchWorker(env: NodeJS.ProcessEnv = process.env, options: BenchWorkerOptions = {}): Promise<BenchWorker> {
  if (!env['TEMPORAL_ADDRESS']) throw new Error('A benchmark runs against the Temporal server `npm run bench` starts (or the one TEMPORAL_* names): run `npm run bench`.');
  installQuietTemporalRuntime();
  const config = loadTemporalConfig(env);
  const client = await createTemporalClient(config);
  const worker = await createTemporalWorker({
    config,
    taskQueue: options.taskQueue ?? BENCH_TASK_QUEUE,
    ...(options.maxCachedWorkflows === undefined ? {} : { options: { maxCachedWorkflows: options.maxCachedWorkflows } }),
    // Weekly reports are not what is measured, and no week ends during a run. A readmission case calls no
    // activity from its arrival to awaiting-selection (the only part the benchmarks take it through), so it
    // needs no stand-ins here.
    activities: { publishWeeklyReport: async () => undefined },
    workflows: { workflowsPath: require.resolve('../workflows/bench-workflows') },
  });
  const running = worker.run();
  return {
    client,
    config,
    cachedWorkflows: () => worker.worker.getStatus().numCachedWorkflows,
    stop: async () => {
      worker.worker.shutdown();
      await running;
      await client.connection.close();
    },
  };
}
