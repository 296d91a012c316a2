import { type TemporalWorker } from '@oioo/temporal';
import { createLogger } from '@oioo/config';
import { installQuietTemporalRuntime } from '@oioo/testing';
import { createPlatformWorkers } from '@oioo/worker';
import { stackTemporalConfig } from './stack';

/** The platform's real workers (every task queue), run in the test process against the stack's server. */
export async function startPlatformWorkers(): Promise<{ stop(): Promise<void> }> {
  installQuietTemporalRuntime();
  const workers: TemporalWorker[] = await createPlatformWorkers(stackTemporalConfig(), createLogger('test-worker'));
  const running = workers.map((worker) => worker.run());
  return {
    stop: async () => {
      for (const { worker } of workers) worker.shutdown();
      await Promise.all(running);
      await workers[0]?.connection.close();
    },
  };
}
