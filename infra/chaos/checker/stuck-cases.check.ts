import type { HistoryRecord, WorkflowView } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/**
 * No case stuck: in the final state each open workflow has a pending timer or waits on a person's step,
 * or, an EOI held for places (E6), waits on its pilot's ledger while that ledger is open with a pending
 * timer (the ledger releases places as readmissions arrive and at each new week's cap, Q2); and the final
 * state was taken at least the settle bound after the last fault healed (sooner, a case still recovering
 * would be judged too early).
 */
export class StuckCasesCheck implements InvariantCheck {
  private readonly stuck: Violations;
  private lastHealedAt: number | undefined;
  private firstViewAt: number | undefined;
  /** EOIs held for places with nothing else to wake them: judged at the end, once the ledgers are seen. */
  private readonly heldEois: WorkflowView[] = [];
  private liveLedgers = 0;

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
        if (view.kind === 'ledger' && !view.closed && view.pendingTimers > 0) this.liveLedgers += 1;
        if (view.closed || view.pendingTimers > 0 || view.waitingOnPerson) continue;
        if (view.kind === 'eoi' && view.state === 'held') this.heldEois.push(view);
        else this.stuck.add(describe(view));
      }
    }
  }

  results(): InvariantResult[] {
    // The run drives one pilot, so one live ledger is the ledger every held EOI waits on.
    if (this.liveLedgers === 0) for (const view of this.heldEois) this.stuck.add(`${describe(view)}, and no open ledger with a pending timer to release places (E6)`);
    if (this.lastHealedAt !== undefined && this.firstViewAt !== undefined && this.firstViewAt - this.lastHealedAt < this.settleBoundMs) {
      const after = Math.max(0, this.firstViewAt - this.lastHealedAt);
      this.stuck.add(`final state taken ${after} ms after the last fault healed; the bound is ${this.settleBoundMs} ms`);
    }
    return [this.stuck.result()];
  }
}

function describe(view: WorkflowView): string {
  return `${view.kind}:${view.caseId} in ${view.state}: open, no pending timer, no person's step`;
}
