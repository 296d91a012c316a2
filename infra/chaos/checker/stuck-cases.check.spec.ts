import { type WorkflowView } from '../history';
import { checkHistory } from './history-checker';
import { buildHistory, healthyScenario, ids } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

describe('no case stuck', () => {
  it('holds when each open case has a pending timer or waits on a person, judged well after the last fault healed', () => {
    const run = healthyScenario();
    run.views.push({ workflowId: 'readmission:case_01JCHAOS000000000003', kind: 'readmission', caseId: 'case_01JCHAOS000000000003', state: 'screening', closed: false, commands: [], pendingTimers: 0, waitingOnPerson: true });
    expect(invariantOf(checkHistory(buildHistory(run)), 'no-stuck-case').violations).toBe(0);
  });

  it('names an open case with no pending timer and no person to act', () => {
    const run = healthyScenario();
    const view = run.views.find((candidate) => candidate.caseId === ids.caseTwo)!;
    view.pendingTimers = 0;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'no-stuck-case': 1 });
    expect(invariantOf(result, 'no-stuck-case').examples).toEqual([`readmission:${ids.caseTwo} in awaiting-reply: open, no pending timer, no person's step`]);
  });

  it('a case waiting on a person is not stuck without a timer', () => {
    const run = healthyScenario();
    const view = run.views.find((candidate) => candidate.caseId === ids.caseTwo)!;
    Object.assign(view, { state: 'inadmissibility-review', pendingTimers: 0, waitingOnPerson: true });
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});
  });

  it('E6 an EOI held for places waits on its pilot\'s ledger while the ledger is open with a pending timer', () => {
    const run = healthyScenario();
    run.views.push(heldEoi());
    expect(invariantOf(checkHistory(buildHistory(run)), 'no-stuck-case').violations).toBe(0);
  });

  it('E6 names an EOI held for places when no open ledger with a pending timer could release them', () => {
    const run = healthyScenario();
    run.views.push(heldEoi());
    Object.assign(run.views.find((view) => view.kind === 'ledger')!, { pendingTimers: 0 });
    // The ledger itself is stuck too: open, no timer for its next week.
    const stuck = invariantOf(checkHistory(buildHistory(run)), 'no-stuck-case');
    expect(stuck.violations).toBe(2);
    expect(stuck.examples).toContain(
      "eoi:eoi_01JCHAOSHELD00000001 in held: open, no pending timer, no person's step, and no open ledger with a pending timer to release places (E6)",
    );
  });

  it('names a final state taken sooner than the settle bound after the last fault healed', () => {
    const run = healthyScenario();
    run.settleMs = 1000;
    const result = checkHistory(buildHistory(run), { settleBoundMs: 60_000 });
    expect(violated(result)).toEqual({ 'no-stuck-case': 1 });
    // The healing is followed by eight records a second apart, then the final state a second later.
    expect(invariantOf(result, 'no-stuck-case').examples).toEqual(['final state taken 9000 ms after the last fault healed; the bound is 60000 ms']);
  });
});

function heldEoi(): WorkflowView {
  return { workflowId: 'eoi:eoi_01JCHAOSHELD00000001', kind: 'eoi', caseId: 'eoi_01JCHAOSHELD00000001', state: 'held', closed: false, commands: [], pendingTimers: 0, waitingOnPerson: false };
}
