import { checkHistory } from './history-checker';
import { acknowledgedCommand, buildHistory, healthyScenario, ids, timelineCommand } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

function viewOf(run: ReturnType<typeof healthyScenario>, caseId: string) {
  const view = run.views.find((candidate) => candidate.caseId === caseId);
  if (!view) throw new Error(`no view of ${caseId}`);
  return view;
}

describe('commands in the timelines', () => {
  it('holds when each command is in its timeline once and each decision has two people', () => {
    const result = checkHistory(buildHistory(healthyScenario()));
    expect(invariantOf(result, 'command-once-in-timeline').violations).toBe(0);
    expect(invariantOf(result, 'four-eyes').violations).toBe(0);
    expect(invariantOf(result, 'acknowledged-command-recorded').violations).toBe(0);
  });

  it('names a command id a timeline holds twice', () => {
    const run = healthyScenario();
    const view = viewOf(run, ids.caseOne);
    view.commands.splice(1, 0, { ...view.commands[0]!, idempotencyKey: undefined });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'command-once-in-timeline': 1 });
    expect(invariantOf(result, 'command-once-in-timeline').examples).toEqual([`readmission:${ids.caseOne}: command cmd_inadmissibility_propose twice`]);
  });

  it('names an Idempotency-Key a timeline holds twice under two command ids', () => {
    const run = healthyScenario();
    const view = viewOf(run, ids.caseTwo);
    view.commands.push(timelineCommand('cmd_detention_a', 'recordDetention', ids.alice), { ...timelineCommand('cmd_detention_b', 'recordDetention', ids.alice), idempotencyKey: 'key-cmd_detention_a' });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'command-once-in-timeline': 1 });
    expect(invariantOf(result, 'command-once-in-timeline').examples).toEqual([`readmission:${ids.caseTwo}: Idempotency-Key key-cmd_detention_a twice (cmd_detention_b)`]);
  });

  it('S1: names an inadmissibility decision proposed and approved by the same person', () => {
    const run = healthyScenario();
    viewOf(run, ids.caseOne).commands[1]!.actor = ids.alice;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'four-eyes': 1 });
    expect(invariantOf(result, 'four-eyes')).toMatchObject({ rule: 'S1', examples: [`readmission:${ids.caseOne}: inadmissibility proposed and approved by ${ids.alice} (cmd_inadmissibility_review)`] });
  });

  it('S1: names an EOI grant approved with no proposal before it', () => {
    const run = healthyScenario();
    const view = viewOf(run, ids.eoi);
    view.commands = view.commands.filter((command) => command.fourEyes?.role !== 'propose');
    run.during = run.during.filter((record) => !('requestId' in record) || record.requestId !== 'req_5');
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'four-eyes': 1 });
    expect(invariantOf(result, 'four-eyes').examples).toEqual([`eoi:${ids.eoi}: eoi-grant approved by ${ids.femi} (cmd_grant_review) with no proposal before it`]);
  });

  it('S1: names removal directions approved by their proposer after an earlier proposal was sent back', () => {
    const run = healthyScenario();
    const view = viewOf(run, ids.caseTwo);
    view.commands.push(
      timelineCommand('cmd_rd_1', 'proposeRemovalDirections', ids.bola, { decision: 'removal-directions', role: 'propose' }),
      timelineCommand('cmd_rd_2', 'reviewRemovalDirections', ids.alice, { decision: 'removal-directions', role: 'send-back' }),
      timelineCommand('cmd_rd_3', 'proposeRemovalDirections', ids.alice, { decision: 'removal-directions', role: 'propose' }),
      timelineCommand('cmd_rd_4', 'reviewRemovalDirections', ids.alice, { decision: 'removal-directions', role: 'approve' }),
    );
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'four-eyes': 1 });
    expect(invariantOf(result, 'four-eyes').examples).toEqual([`readmission:${ids.caseTwo}: removal-directions proposed and approved by ${ids.alice} (cmd_rd_4)`]);
  });

  it('S2: names a command the API acknowledged that no timeline holds', () => {
    const run = healthyScenario();
    run.during.push(...acknowledgedCommand('req_8', 'cmd_lost_detention', { kind: 'readmission', id: ids.caseTwo }, ids.alice, 'recordDetention'));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'acknowledged-command-recorded': 1 });
    expect(invariantOf(result, 'acknowledged-command-recorded')).toMatchObject({ rule: 'S2', examples: [`readmission:${ids.caseTwo}: cmd_lost_detention acknowledged but in no timeline`] });
  });

  it('S2: a refused command need not be in a timeline', () => {
    const run = healthyScenario();
    run.during.push(
      { type: 'command-sent', requestId: 'req_9', operationId: 'reviewInadmissibility', target: { kind: 'readmission', id: ids.caseTwo }, idempotencyKey: 'key-req_9', actor: ids.alice },
      { type: 'command-answered', requestId: 'req_9', status: 409, problemCode: 'SAME_PERSON', commandId: 'cmd_refused' },
    );
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});
  });
});
