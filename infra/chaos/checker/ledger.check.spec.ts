import { checkHistory } from './history-checker';
import { buildHistory, healthyScenario, ids } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

describe('the equivalence ledger', () => {
  it('Q2: holds at every step of a balanced ledger', () => {
    expect(invariantOf(checkHistory(buildHistory(healthyScenario())), 'ledger-balance')).toMatchObject({ rule: 'Q2', violations: 0 });
  });

  it('Q2: names a step in the middle of the history where a grant went out beyond the readmissions, though the end balances', () => {
    const run = healthyScenario();
    run.ledgerSteps.splice(2, 0, { step: 2, at: '2026-03-02T10:06:00.000Z', readmissions: 1, admissions: 0, grantsOutstanding: 2, tolerance: 0 });
    run.ledgerSteps[3]!.step = 4;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'ledger-balance': 1 });
    expect(invariantOf(result, 'ledger-balance').examples).toEqual([
      `${ids.pilot} step 2 (2026-03-02T10:06:00.000Z): 0 admissions + 2 grants > 1 readmissions + 0 tolerance`,
    ]);
  });

  it('Q2: a tolerance allows the excess it names', () => {
    const run = healthyScenario();
    run.ledgerSteps.push({ step: 4, at: '2026-03-02T10:20:00.000Z', readmissions: 1, admissions: 1, grantsOutstanding: 2, tolerance: 2 });
    expect(invariantOf(checkHistory(buildHistory(run)), 'ledger-balance').violations).toBe(0);
  });

  it('Q1: holds when the final counts equal the cases handed over and the people arrived', () => {
    expect(invariantOf(checkHistory(buildHistory(healthyScenario())), 'ledger-counts')).toMatchObject({ rule: 'Q1', violations: 0 });
  });

  it('Q1: names a handover the ledger never counted', () => {
    const run = healthyScenario();
    run.handedOver.push(ids.caseTwo);
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'ledger-counts': 1 });
    expect(invariantOf(result, 'ledger-counts').examples).toEqual([`${ids.pilot}: 1 readmissions counted, 2 cases handed over`]);
  });

  it('Q1: names an admission counted for nobody who arrived, judged from the last step whatever the order of the steps', () => {
    const run = healthyScenario();
    run.arrived = [];
    run.ledgerSteps.reverse();
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'ledger-counts': 1 });
    expect(invariantOf(result, 'ledger-counts').examples).toEqual([`${ids.pilot}: 1 admissions counted, 0 people arrived`]);
  });

  it('Q1: E5 each person counts once, however many records name their arrival', () => {
    const run = healthyScenario();
    run.arrived.push({ ...run.arrived[0]! });
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});
  });
});
