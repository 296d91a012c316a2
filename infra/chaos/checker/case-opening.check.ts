import type { HistoryRecord } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

type CaseKind = 'readmission' | 'eoi';

/**
 * Every valid arrival opened exactly one readmission case and every valid EOI exactly one EOI case:
 * none lost (no workflow), none doubled (two workflows, or identity opening it twice), none opened
 * by anything but a valid event.
 */
export class CaseOpeningCheck implements InvariantCheck {
  /** `<kind>:<caseId>` of every case a valid event must open. */
  private readonly expected = new Set<string>();
  private readonly workflows = new Map<string, number>();
  /** How many identity rows opened each readmission case. */
  private readonly identityOpenings = new Map<string, number>();

  constructor(private readonly maxExamples: number) {}

  observe(record: HistoryRecord): void {
    if (record.type === 'event-published' && record.generated === 'valid' && record.opens) {
      this.expected.add(caseKey(record.opens.caseKind, record.opens.caseId));
    } else if (record.type === 'workflow-views') {
      for (const view of record.views) {
        if (view.kind === 'ledger') continue;
        const key = caseKey(view.kind, view.caseId);
        this.workflows.set(key, (this.workflows.get(key) ?? 0) + 1);
      }
    } else if (record.type === 'service-tables') {
      for (const table of record.tables) {
        if (table.table !== 'identity.arrival-cases') continue;
        for (const row of table.rows) {
          if (row.openedCaseId === null) continue;
          const key = caseKey('readmission', row.openedCaseId);
          this.identityOpenings.set(key, (this.identityOpenings.get(key) ?? 0) + 1);
        }
      }
    }
  }

  results(): InvariantResult[] {
    const arrivals = new Violations({ id: 'arrival-opens-one-case', title: 'every valid arrival opened exactly one readmission case' }, this.maxExamples);
    const eois = new Violations({ id: 'eoi-opens-one-case', rule: 'E5', title: 'every valid EOI opened exactly one EOI case' }, this.maxExamples);
    const of = (key: string) => (key.startsWith('eoi:') ? eois : arrivals);
    for (const key of this.expected) {
      const workflows = this.workflows.get(key) ?? 0;
      const openings = this.identityOpenings.get(key) ?? 0;
      if (workflows === 0) of(key).add(`lost: ${key} has no workflow`);
      else if (workflows > 1) of(key).add(`doubled: ${key} has ${workflows} workflows`);
      else if (openings > 1) of(key).add(`doubled: identity opened ${key} ${openings} times`);
    }
    for (const key of this.workflows.keys()) {
      if (!this.expected.has(key)) of(key).add(`unexpected: ${key} was opened by no valid event`);
    }
    for (const key of this.identityOpenings.keys()) {
      if (!this.expected.has(key) && !this.workflows.has(key)) arrivals.add(`unexpected: identity opened ${key}, which no valid event opens`);
    }
    return [arrivals.result(), eois.result()];
  }
}

function caseKey(kind: CaseKind, caseId: string): string {
  return `${kind}:${caseId}`;
}
