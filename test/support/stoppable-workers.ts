import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createTemporalNativeConnection, temporalDataConverter } from '@oioo/temporal';
import { stackTemporalConfig } from './stack';

/** The workflow code a worker runs: a workflows module, or a prebuilt bundle as production workers load. */
export type WorkerCode = Pick<WorkerOptions, 'workflowsPath'> | Pick<WorkerOptions, 'workflowBundle'>;

/**
 * Workers a test starts and stops itself on the stack's Temporal server, each on a task queue of the test's
 * own (no other test's worker takes its tasks while it is stopped), so a test can put a case through a
 * worker's outage. `close` stops the ones still running and the connection they share.
 */
export class StoppableWorkers {
  private readonly running = new Set<() => Promise<void>>();

  private constructor(private readonly connection: NativeConnection) {}

  /** Opens the connection the workers will share. */
  static async connect(): Promise<StoppableWorkers> {
    return new StoppableWorkers(await createTemporalNativeConnection(stackTemporalConfig()));
  }

  /** Starts a worker of `code` polling `taskQueue`; resolves with the function that stops it. */
  async start(taskQueue: string, code: WorkerCode, activities: object = {}): Promise<() => Promise<void>> {
    const worker = await Worker.create({
      connection: this.connection,
      namespace: stackTemporalConfig().namespace,
      taskQueue,
      ...code,
      activities,
      dataConverter: temporalDataConverter(stackTemporalConfig()),
    });
    const run = worker.run();
    const stop = async () => {
      this.running.delete(stop);
      worker.shutdown();
      await run;
    };
    this.running.add(stop);
    return stop;
  }

  /** Stops every worker still running, then closes the connection. */
  async close(): Promise<void> {
    for (const stop of [...this.running]) await stop();
    await this.connection.close();
  }
}
