/**
 * Temporal refuses more than 10 Updates in flight on one workflow (`history.maxInFlightUpdates`) with
 * RESOURCE_EXHAUSTED, and the client then backs off for seconds (`npm run bench` saw stalls and failures
 * at 16). Every EOI case of the pilot asks the one ledger, so a worker keeps its own Updates under the limit.
 */
export const LEDGER_UPDATES_IN_FLIGHT = 8;

/** A queue that lets at most `limit` calls run at once, in the order they came. */
export class UpdateGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `call` once fewer than `limit` others are running. */
  async run<Result>(call: () => Promise<Result>): Promise<Result> {
    if (this.running >= this.limit) await new Promise<void>((resolvePromise) => this.waiting.push(resolvePromise));
    else this.running += 1;
    try {
      return await call();
    } finally {
      // The slot passes straight to the next caller, so `running` never drops below the queue's demand.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
