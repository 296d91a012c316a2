/** What a case keeps of its rule clock (see {@link ruleClock}). */
export interface RuleClockState {
  /**
   * The latest deadline the case's own timer has seen pass; the epoch until the first. Absent on cases
   * begun before the rule clock: their rules read the worker's clock, as they did when they ran.
   */
  deadlinesSeenUntil?: string;
}

/**
 * The time a case's deadline rules read: the latest deadline its own timer has seen pass, never the
 * worker's clock. A worker that picks a case up after a restart can be handed the clock of the case's
 * previous workflow task, and a replay reads the clock of the task it replays, so a rule that read the
 * worker's clock could decide differently the second time (a nondeterministic history) or wait again
 * for a deadline that has already fired. A timer's firing is in the history, so every replay sees the
 * same rule clock.
 */
export function ruleClock(state: RuleClockState, workerNow: Date): Date {
  return state.deadlinesSeenUntil === undefined ? workerNow : new Date(state.deadlinesSeenUntil);
}

/** Puts a case on the rule clock: from now on its rules read only deadlines its timers have seen pass. */
export function startRuleClock(state: RuleClockState): void {
  state.deadlinesSeenUntil ??= new Date(0).toISOString();
}

/** Records that the case's timer for a deadline has fired: its rule clock moves on to that deadline. */
export function deadlineSeen(state: RuleClockState, deadline: Date): void {
  if (state.deadlinesSeenUntil !== undefined && deadline.getTime() > new Date(state.deadlinesSeenUntil).getTime()) {
    state.deadlinesSeenUntil = deadline.toISOString();
  }
}
