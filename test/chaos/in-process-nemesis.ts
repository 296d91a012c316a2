// eslint-disable-next-line @nx/enforce-module-boundaries -- the chaos run's recorder and checker are the local stack's own (infra).
import { type FaultLog, type Nemesis } from '../../infra/chaos/run';
import { type RunningPlatform } from '../support/platform';

/**
 * The faults the in-process platform can take without mocking Temporal or Kafka: the worker stopped (every
 * task queue, its connection closed) and started again after a pause, at the given moments of the run. The
 * cluster profile's nemesis, with kills of OS processes and network faults, plugs into the same seam.
 */
export function workerRestarts(platform: RunningPlatform, plan: readonly { atMs: number; pauseMs: number }[]): Nemesis {
  return {
    async run(faults: FaultLog, stop: AbortSignal) {
      const start = Date.now();
      for (const [index, { atMs, pauseMs }] of plan.entries()) {
        await waitUntil(start + atMs, stop);
        if (stop.aborted) return;
        const faultId = await faults.injected('kill-worker', `worker-${index + 1}`, { pauseMs, inProcess: true });
        await platform.restartWorker(pauseMs);
        await faults.healed(faultId);
      }
    },
  };
}

function waitUntil(when: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, when - Date.now()));
    stop.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
