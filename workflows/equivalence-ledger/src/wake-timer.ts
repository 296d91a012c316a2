import { CancellationScope, condition, isCancellation, sleep } from '@temporalio/workflow';

/**
 * One durable timer for the ledger's next wake (a new ISO week, the end of a notice), kept across the loop's
 * turns instead of a fresh timer each turn. Signals and Updates then wake the loop without touching the timer.
 *
 * Why: a timer started and cancelled within one workflow activation leaves no event in history but still uses
 * a timer sequence number. With a fresh timer per turn, a turn that started a timer and was woken again in the
 * same activation did exactly that, and whether it did depended on when the loop resumed relative to the
 * activation's other jobs. A live worker and a replay did not always agree, and the replay then failed
 * (TMPRL1100, "Timer fired event did not have expected timer id"): the chaos runs of issue 11 left the ledger
 * stuck that way twice (see docs/design-notes.md). One timer per wake is started only when the wake itself moves, which the ledger's
 * rule clock decides from history alone. It also saves two history events per signal.
 */
export class WakeTimer {
  private target?: number;
  private fired = false;
  private scope?: CancellationScope;

  /**
   * Waits until the timer for `wake` fires or `news()` holds. Starts the timer, `delayMs` long, when `wake`
   * differs from the wake the running timer is for (cancelling that one). True when the timer fired: the wake
   * is seen, and the next wait starts a timer for the next one.
   */
  async waitFor(wake: Date, delayMs: number, news: () => boolean): Promise<boolean> {
    if (this.target !== wake.getTime()) this.start(wake.getTime(), delayMs);
    await condition(() => this.fired || news());
    if (!this.fired) return false;
    this.target = undefined;
    this.scope = undefined;
    return true;
  }

  private start(target: number, delayMs: number): void {
    this.scope?.cancel();
    const scope = new CancellationScope();
    this.target = target;
    this.fired = false;
    this.scope = scope;
    scope
      .run(() => sleep(delayMs))
      .then(
        () => {
          if (this.scope === scope) this.fired = true;
        },
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      );
  }
}
