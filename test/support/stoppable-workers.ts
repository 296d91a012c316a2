import { type Client } from '@temporalio/client';
import { type NativeConnection } from '@temporalio/worker';
import { type TaskQueue } from '@oioo/contracts';
import { type WorkerWorkflows, createTemporalClient, createTemporalNativeConnection, createTemporalWorker } from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';
import { stackTemporalConfig } from './stack';

/**
 * Workers a test starts and stops itself on the stack's Temporal server, each on a task queue of the test's
 * own (no other test's worker takes its tasks while it is stopped), so a test can put a case through a
 * worker's outage. Each is the platform's own worker (`createTemporalWorker`: its data converter, and its
 * bundler, which resolves the monorepo's path aliases). `close` stops the ones still running and the
 * connection they share.
 */
export class StoppableWorkers {
  private readonly running = new Set<() => Promise<void>>();

  private constructor(private readonly connection: NativeConnection) {}

  /** Opens the connection the workers will share. */
  static async connect(): Promise<StoppableWorkers> {
    return new StoppableWorkers(await createTemporalNativeConnection(stackTemporalConfig()));
  }

  /** Starts a worker of `workflows` polling `taskQueue`; resolves with the function that stops it. */
  async start(taskQueue: string, workflows: WorkerWorkflows, activities: object = {}): Promise<() => Promise<void>> {
    const { worker, run } = await createTemporalWorker({
      config: stackTemporalConfig(),
      // A queue of the test's own, outside the platform's catalogue.
      taskQueue: taskQueue as TaskQueue,
      activities,
      workflows,
      connection: this.connection,
    });
    const running = run();
    const stop = async () => {
      this.running.delete(stop);
      worker.shutdown();
      await running;
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

/** What a test file gets from {@link useStoppableWorkers}: a client on the stack's server, and workers it starts and stops. */
export interface StoppableWorkersFixture {
  client: Client;
  workers: StoppableWorkers;
}

/**
 * Opens a client and a {@link StoppableWorkers} on the stack's Temporal server for the test file (the SDK's
 * runtime quietened first), closing both after it. Read the fields inside tests: they are set once beforeAll has run.
 */
export function useStoppableWorkers(): StoppableWorkersFixture {
  const fixture = {} as StoppableWorkersFixture;
  beforeAll(async () => {
    installQuietTemporalRuntime();
    fixture.client = await createTemporalClient(stackTemporalConfig());
    fixture.workers = await StoppableWorkers.connect();
  });
  afterAll(async () => {
    await fixture.workers?.close();
    await fixture.client?.connection.close();
  });
  return fixture;
}
