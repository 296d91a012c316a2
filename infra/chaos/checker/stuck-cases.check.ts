import type { HistoryRecord } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/**
 * No case stuck: in the final state each open workflow has a pending timer or waits on a person's step,
 * and the final state was taken at least the settle bound after the last fault healed (sooner, a case
 * still recovering would be judged too early).
 */
export class StuckCasesCheck implements InvariantCheck {
  private readonly stuck: Violations;
  private lastHealedAt: number | undefined;
  private firstViewAt: number | undefined;

  constructor(
    maxExamples: number,
    private readonly settleBoundMs: number,
  ) {
    this.stuck = new Violations({ id: 'no-stuck-case', title: 'each open case has a pending timer or waits on a person, after the faults settle' }, maxExamples);
  }

  observe(record: HistoryRecord): void {
    if (record.type === 'fault-healed') {
      this.lastHealedAt = Math.max(this.lastHealedAt ?? 0, Date.parse(record.at));
    } else if (record.type === 'workflow-views') {
      this.firstViewAt = Math.min(this.firstViewAt ?? Infinity, Date.parse(record.at));
      for (const view of record.views) {
        if (view.closed || view.pendingTimers > 0 || view.waitingOnPerson) continue;
        this.stuck.add(`${view.kind}:${view.caseId} in ${view.state}: open, no pending timer, no person's step`);
      }
    }
  }

  results(): InvariantResult[] {
    if (this.lastHealedAt !== undefined && this.firstViewAt !== undefined && this.firstViewAt - this.lastHealedAt < this.settleBoundMs) {
      const after = Math.max(0, this.firstViewAt - this.lastHealedAt);
      this.stuck.add(`final state taken ${after} ms after the last fault healed; the bound is ${this.settleBoundMs} ms`);
    }
    return [this.stuck.result()];
  }
}
