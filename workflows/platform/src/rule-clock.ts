import { condition, patched } from '@temporalio/workflow';
import { type RuleClockState, deadlineSeen, startRuleClock } from '@oioo/domain';

/** The patch that moved case deadlines onto the rule clock (see ruleClock in @oioo/domain). */
const RULE_CLOCK_PATCH = 'deadline-rule-clock';

/** Puts a case on the rule clock, unless it began before the patch: such cases replay as they ran, on the worker's clock. */
export function useRuleClock(state: RuleClockState): void {
  if (patched(RULE_CLOCK_PATCH)) startRuleClock(state);
}

/**
 * A case loop's sleep: until `changed()` holds or the deadline passes. A deadline reached moves the case's
 * rule clock on to it (see ruleClock in @oioo/domain), so the rules it wakes to read that clock.
 */
export async function waitForNewsOrDeadline(state: RuleClockState, changed: () => boolean, until: Date | undefined, clock: Date): Promise<void> {
  if (!until) {
    await condition(changed);
    return;
  }
  // The worker's clock may lag behind after a restart; the rule clock's own reading has certainly passed.
  const waitMs = Math.max(until.getTime() - Math.max(clock.getTime(), Date.now()), 1);
  if (!(await condition(changed, waitMs))) deadlineSeen(state, until);
}
