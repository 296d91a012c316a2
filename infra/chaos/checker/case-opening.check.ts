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
  /** R11: the case key of a second record of a crossing, by the key of the crossing's first record. */
  private readonly secondRecords = new Map<string, string>();

  constructor(private readonly maxExamples: number) {}

  observe(record: HistoryRecord): void {
    if (record.type === 'event-published' && record.generated === 'valid' && record.opens) {
      this.expected.add(caseKey(record.opens.caseKind, record.opens.caseId));
    } else if (record.type === 'event-published' && record.generated === 'valid' && record.sameCrossingAs && record.subject) {
      this.secondRecords.set(caseKey('readmission', record.sameCrossingAs), caseKey('readmission', record.subject));
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
    // R11: a crossing recorded twice opens one case, under the id of whichever record identity screened first.
    const openedBySecondRecord = new Set<string>();
    for (const key of this.expected) {
      const second = this.secondRecords.get(key);
      const keys = second ? [key, second] : [key];
      const workflows = sum(keys.map((candidate) => this.workflows.get(candidate) ?? 0));
      const openings = sum(keys.map((candidate) => this.identityOpenings.get(candidate) ?? 0));
      if (second && (this.workflows.get(second) ?? 0) > 0) openedBySecondRecord.add(second);
      const named = second ? `${key} (or ${second}, the crossing's second record)` : key;
      if (workflows === 0) of(key).add(`lost: ${named} has no workflow`);
      else if (workflows > 1) of(key).add(`doubled: ${named} has ${workflows} workflows`);
      else if (openings > 1) of(key).add(`doubled: identity opened ${named} ${openings} times`);
    }
    const opened = (key: string) => this.expected.has(key) || openedBySecondRecord.has(key);
    for (const key of this.workflows.keys()) {
      if (!opened(key)) of(key).add(`unexpected: ${key} was opened by no valid event`);
    }
    for (const key of this.identityOpenings.keys()) {
      if (!opened(key) && !this.workflows.has(key)) arrivals.add(`unexpected: identity opened ${key}, which no valid event opens`);
    }
    return [arrivals.result(), eois.result()];
  }
}

function caseKey(kind: CaseKind, caseId: string): string {
  return `${kind}:${caseId}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
