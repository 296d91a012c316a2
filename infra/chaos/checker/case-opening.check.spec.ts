import { checkHistory } from './history-checker';
import { buildHistory, consumed, healthyScenario, ids, published, topics } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

describe('every valid arrival and EOI opened exactly one case', () => {
  it('holds when each valid arrival and EOI has one workflow and identity opened each case once', () => {
    const result = checkHistory(buildHistory(healthyScenario()));
    expect(invariantOf(result, 'arrival-opens-one-case').violations).toBe(0);
    expect(invariantOf(result, 'eoi-opens-one-case').violations).toBe(0);
  });

  it('names a lost case: a valid arrival with no workflow', () => {
    const run = healthyScenario();
    run.views = run.views.filter((view) => view.caseId !== ids.caseTwo);
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'arrival-opens-one-case': 1 });
    expect(invariantOf(result, 'arrival-opens-one-case').examples).toEqual([`lost: readmission:${ids.caseTwo} has no workflow`]);
  });

  it('names a doubled case: two workflows for one arrival', () => {
    const run = healthyScenario();
    const second = run.views.find((view) => view.caseId === ids.caseTwo)!;
    run.views.push({ ...second, runId: 'run_second' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'arrival-opens-one-case': 1 });
    expect(invariantOf(result, 'arrival-opens-one-case').examples).toEqual([`doubled: readmission:${ids.caseTwo} has 2 workflows`]);
  });

  it('names a doubled case: identity opened one arrival twice', () => {
    const run = healthyScenario();
    const identity = run.tables.find((table) => table.table === 'identity.arrival-cases')!;
    if (identity.table !== 'identity.arrival-cases') throw new Error('unreachable');
    identity.rows.push({ recordCaseId: 'case_01JCHAOS000000000009', personId: ids.personTwo, openedCaseId: ids.caseTwo });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'arrival-opens-one-case': 1 });
    expect(invariantOf(result, 'arrival-opens-one-case').examples).toEqual([`doubled: identity opened readmission:${ids.caseTwo} 2 times`]);
  });

  it('R11 accepts a crossing recorded twice whose one case opened under the second record\'s id, and names two cases for it', () => {
    const secondRecord = 'case_01JCHAOS0000SECONDREC';
    const run = healthyScenario();
    const caseTwoView = run.views.find((view) => view.caseId === ids.caseTwo)!;
    run.views = run.views.filter((view) => view !== caseTwoView);
    run.during.push(published(topics.arrivals, 4, { subject: secondRecord, sameCrossingAs: ids.caseTwo }), consumed('identity', topics.arrivals, 4));
    run.views.push({ ...caseTwoView, workflowId: `readmission:${secondRecord}`, caseId: secondRecord });
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});

    run.views.push(caseTwoView);
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'arrival-opens-one-case': 1 });
    expect(invariantOf(result, 'arrival-opens-one-case').examples).toEqual([
      `doubled: readmission:${ids.caseTwo} (or readmission:${secondRecord}, the crossing's second record) has 2 workflows`,
    ]);
  });

  it('names a case no valid event opens: a fuzzed arrival that opened one', () => {
    const run = healthyScenario();
    const rogue = 'case_01JCHAOS00000000ROGUE';
    run.views.push({ workflowId: `readmission:${rogue}`, kind: 'readmission', caseId: rogue, state: 'screening', closed: false, commands: [], pendingTimers: 1, waitingOnPerson: true });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'arrival-opens-one-case': 1 });
    expect(invariantOf(result, 'arrival-opens-one-case').examples).toEqual([`unexpected: readmission:${rogue} was opened by no valid event`]);
  });

  it('E5: names a lost EOI case', () => {
    const run = healthyScenario();
    const other = 'eoi_01JCHAOS000000000002';
    run.during.push(published(topics.eois, 1, { subject: other, opens: { caseKind: 'eoi', caseId: other } }));
    run.during.push({ type: 'event-consumed', group: 'identity', topic: topics.eois, partition: 0, offset: '1', outcome: 'processed' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'eoi-opens-one-case': 1 });
    expect(invariantOf(result, 'eoi-opens-one-case')).toMatchObject({ rule: 'E5', examples: [`lost: eoi:${other} has no workflow`] });
  });
});
