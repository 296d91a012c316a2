import { patched, sleep } from '@temporalio/workflow';

/** The patch that wakes a workflow's loop to news through a timer (see NewsWatch). */
const NEWS_TICK_PATCH = 'news-tick';

/** The patch after which only signals' news goes through the timer and Updates wake the loop at once (see NewsWatch). */
const SIGNALS_ONLY_TICK_PATCH = 'news-tick-signals-only';

/**
 * How a workflow's signal and Update handlers wake its main loop. Handlers change the state and call
 * `signalled()` or `updated()`; the loop takes a `mark()` before it sleeps and wakes once `heard(mark)` holds.
 *
 * Why a timer: one workflow task can carry signals and Updates together, and the SDK applies them either in one
 * batch or with the signals in a batch of their own first. A loop woken straight from a signal handler runs
 * between the two batches in the second case and not in the first, so its commands (a timer, a signal to another
 * workflow, a search-attribute upsert) land before or after the Updates' acceptances. A replay that batches
 * otherwise than the live worker did then fails (TMPRL1100). Issue 11's chaos runs stuck the equivalence ledger
 * that way after a worker kill and a Temporal kill ("Update machine does not handle this event:
 * SignalExternalWorkflowExecutionInitiated"), and replaying the recorded histories with signals batched apart
 * failed the readmission case as well. Here a handler only starts a 1 ms timer (at once, in its own job, so in
 * the same place either way), and the loop wakes when it fires: after all of that task's jobs, however they
 * were batched. A burst of news shares one timer. The cost is one more workflow task per burst of news.
 *
 * Only signals need the timer: the SDK's batch of their own holds signals and nothing else, so an Update (like a
 * timer fired or an activity's result) is always applied in the task's last batch, after which the loop runs
 * however the jobs were batched. Updates are most of a case's news (every caseworker step), and timing them
 * through the tick as well cost a long run about a third more workflow tasks; since the patch
 * `news-tick-signals-only` they wake the loop at once (`updated()`), and signals keep the tick (`signalled()`).
 *
 * Workflows begun before `news-tick` keep waking straight from their handlers, and those begun before
 * `news-tick-signals-only` keep timing Updates' news too, as their histories have it.
 */
export class NewsWatch {
  private heardCount = 0;
  private tickRunning = false;
  private listening = false;

  private constructor(
    private readonly viaTimer: boolean,
    private readonly updatesViaTimer: boolean,
  ) {}

  /** A watch for a workflow run; call it once, where the workflow starts, before its handlers are set. */
  static open(): NewsWatch {
    const viaTimer = patched(NEWS_TICK_PATCH);
    return new NewsWatch(viaTimer, viaTimer && !patched(SIGNALS_ONLY_TICK_PATCH));
  }

  /** True when news reaches the loop through a timer (the run began after the patch). */
  get viaTick(): boolean {
    return this.viaTimer;
  }

  /** A signal handler changed the state. */
  signalled(): void {
    this.changed(this.viaTimer);
  }

  /** An Update handler changed the state. */
  updated(): void {
    this.changed(this.updatesViaTimer);
  }

  /** Before the loop first listens (the first task's buffered signals), the loop will read the state anyway. */
  private changed(viaTimer: boolean): void {
    if (!viaTimer) {
      this.heardCount += 1;
      return;
    }
    if (!this.listening || this.tickRunning) return;
    this.tickRunning = true;
    void sleep(1).then(() => {
      this.tickRunning = false;
      this.heardCount += 1;
    });
  }

  /** The loop's mark, taken before it sleeps; from then on, `changed()` wakes it. */
  mark(): number {
    this.listening = true;
    return this.heardCount;
  }

  /** True once news has come since `mark`. */
  heard(mark: number): boolean {
    return this.heardCount !== mark;
  }
}
