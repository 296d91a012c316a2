import { type TaskQueue } from '@oioo/contracts';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { connectionOptions } from './connection-options';
import { type ConnectRetryOptions, connectWithRetry } from '@oioo/config';
import { type DataKeyOptions, temporalDataConverter } from './data-converter';
import { tracingWorkerOptions, workflowTracingModules } from './telemetry';
import { type TemporalConfig } from './temporal-config';
import { bundleWorkflowsForWorker, type WorkflowBundleInput } from './workflow-bundle';

/** Where a worker's workflow code comes from: a prebuilt bundle (production) or source bundled at start (development, tests). */
export type WorkerWorkflows = { bundlePath: string } | ({ workflowsPath: string } & Omit<WorkflowBundleInput, 'workflowsPath'>);

/** Worker options this factory leaves to the caller; connection, namespace, queue, code and converter are its own. */
export type ExtraWorkerOptions = Omit<
  WorkerOptions,
  'connection' | 'namespace' | 'taskQueue' | 'activities' | 'workflowsPath' | 'workflowBundle' | 'bundlerOptions' | 'dataConverter'
>;

/** What a worker needs: the cluster configuration, its task queue, activity implementations and workflow code. */
export interface CreateTemporalWorkerInput {
  /** Parsed `TEMPORAL_*` configuration. */
  config: TemporalConfig;
  /** The task queue this worker polls. */
  taskQueue: TaskQueue;
  /** Activity implementations by name, usually from a `createXActivities(deps)` factory. */
  activities?: object;
  /** Workflow code; omit for an activity-only worker. */
  workflows?: WorkerWorkflows;
  /** A connection to share between workers; when omitted one is opened and closed with the worker. */
  connection?: NativeConnection;
  /** Tuning, interceptors, sinks and the like. */
  options?: ExtraWorkerOptions;
  /** The case data keys, when not the configured vault's (tests; the vault's own process). */
  dataKeys?: DataKeyOptions;
}

/** A created worker and its connection; `run()` closes a connection the factory opened once the worker stops. */
export interface TemporalWorker {
  /** The underlying SDK worker, for `shutdown()` or `runUntil()`. */
  readonly worker: Worker;
  /** The connection the worker polls on. */
  readonly connection: NativeConnection;
  /** Runs until shutdown (signal or `worker.shutdown()`), then releases the connection if the factory owns it. */
  run(): Promise<void>;
}

/** Opens a worker connection to the configured cluster with the same TLS and API key settings as the client, waiting a while for a server that is briefly away. */
export async function createTemporalNativeConnection(config: TemporalConfig, retry?: ConnectRetryOptions): Promise<NativeConnection> {
  return connectWithRetry(() => NativeConnection.connect(connectionOptions(config)), { target: 'Temporal', ...retry });
}

/** Creates a worker on the configured namespace with the shared encrypting data converter, traced when tracing is on. */
export async function createTemporalWorker(input: CreateTemporalWorkerInput): Promise<TemporalWorker> {
  const { config, workflows } = input;
  const ownsConnection = input.connection === undefined;
  const connection = input.connection ?? (await createTemporalNativeConnection(config));
  try {
    const workflowBundle =
      workflows === undefined
        ? undefined
        : 'bundlePath' in workflows
          ? { codePath: workflows.bundlePath }
          : // Bundled here rather than through `workflowsPath` so the monorepo's path aliases resolve.
            await bundleWorkflowsForWorker({ ...workflows, workflowInterceptorModules: [...(workflows.workflowInterceptorModules ?? []), ...workflowTracingModules()] });
    const tracing = tracingWorkerOptions();
    const worker = await Worker.create({
      ...input.options,
      ...(tracing.interceptors ? { interceptors: { ...input.options?.interceptors, activity: [...(input.options?.interceptors?.activity ?? []), ...tracing.interceptors.activity ?? []] } } : {}),
      ...(tracing.sinks ? { sinks: { ...input.options?.sinks, ...tracing.sinks } } : {}),
      connection,
      namespace: config.namespace,
      taskQueue: input.taskQueue,
      activities: input.activities,
      workflowBundle,
      dataConverter: temporalDataConverter(config, input.dataKeys ?? {}),
    });
    return {
      worker,
      connection,
      run: async () => {
        try {
          await worker.run();
        } finally {
          if (ownsConnection) await connection.close();
        }
      },
    };
  } catch (error) {
    if (ownsConnection) await connection.close();
    throw error;
  }
}
