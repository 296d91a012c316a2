import type { HistoryRecord, LedgerStep } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/** What the check keeps of one pilot's ledger: its latest step and the cases' own account of handovers and arrivals. */
interface PilotLedger {
  last?: LedgerStep;
  handedOver: Set<string>;
  arrivedPeople: Set<string>;
}

/**
 * Q2 at every step of the ledger's history (admissions + grants outstanding ≤ readmissions + tolerance),
 * and Q1: the final counts equal the handovers and arrivals the cases reached.
 */
export class LedgerCheck implements InvariantCheck {
  private readonly balance: Violations;
  private readonly pilots = new Map<string, PilotLedger>();

  constructor(private readonly maxExamples: number) {
    this.balance = new Violations({ id: 'ledger-balance', rule: 'Q2', title: 'admissions + grants outstanding ≤ readmissions + tolerance at every step' }, maxExamples);
  }

  observe(record: HistoryRecord): void {
    if (record.type !== 'ledger-history') return;
    const pilot = this.pilots.get(record.pilotId) ?? { handedOver: new Set<string>(), arrivedPeople: new Set<string>() };
    this.pilots.set(record.pilotId, pilot);
    for (const step of record.steps) {
      // Q2: checked at each step, not only at the end.
      if (step.admissions + step.grantsOutstanding > step.readmissions + step.tolerance) {
        this.balance.add(
          () =>
            `${record.pilotId} step ${step.step} (${step.at}): ${step.admissions} admissions + ${step.grantsOutstanding} grants > ${step.readmissions} readmissions + ${step.tolerance} tolerance`,
        );
      }
      if (!pilot.last || step.step > pilot.last.step) pilot.last = step;
    }
    for (const caseId of record.handedOver) pilot.handedOver.add(caseId);
    // E5: each person admitted counts as one admission.
    for (const arrival of record.arrived) pilot.arrivedPeople.add(arrival.personId);
  }

  results(): InvariantResult[] {
    const counts = new Violations({ id: 'ledger-counts', rule: 'Q1', title: "the ledger's final counts equal the handovers and arrivals the cases reached" }, this.maxExamples);
    for (const [pilotId, pilot] of this.pilots) {
      const readmissions = pilot.last?.readmissions ?? 0;
      const admissions = pilot.last?.admissions ?? 0;
      if (readmissions !== pilot.handedOver.size) counts.add(`${pilotId}: ${readmissions} readmissions counted, ${pilot.handedOver.size} cases handed over`);
      if (admissions !== pilot.arrivedPeople.size) counts.add(`${pilotId}: ${admissions} admissions counted, ${pilot.arrivedPeople.size} people arrived`);
    }
    return [this.balance.result(), counts.result()];
  }
}
