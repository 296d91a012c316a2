/** Milliseconds in a simulated day. */
export const SIM_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Simulated time at a compression: `in(ms)` runs a task after `ms` of simulated time. Timers are
 * tracked so the simulator stops cleanly.
 */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly compression: number) {}

  /** Real milliseconds for a simulated duration. */
  real(simulatedMs: number): number {
    return Math.max(simulatedMs / this.compression, 0);
  }

  /** Runs the task after a simulated delay; failures go to `onError`, never unhandled. */
  in(simulatedMs: number, task: () => Promise<void>, onError: (error: unknown) => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task().catch(onError);
    }, this.real(simulatedMs));
    this.timers.add(timer);
  }

  /** Cancels every pending task. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
