import { EOI_APPROVER, EOI_DESK_QUERY, EOI_PROPOSER, EoiDecisionDesk } from './eoi-decision-desk';
import { agencyHarness } from './test-support/agency-harness';
import { type FakeCase, FakeDeskTemporal, type SentUpdate } from './test-support/fake-temporal';

/** The fake plays the EOI workflow's part: a proposal moves the case to approval, an approval decides it; the same person may not approve (S1). */
function playWorkflow(temporal: FakeDeskTemporal) {
  const results = new Map<string, unknown>();
  let proposer: string | undefined;
  temporal.onUpdate = (update: SentUpdate, current: FakeCase | undefined) => {
    const commandId = String(update.input['commandId']);
    if (results.has(commandId)) return results.get(commandId);
    if (!current) throw FakeDeskTemporal.refused('no such case');
    if (update.name === 'proposeDecision' && current.state === 'decision') {
      proposer = String(update.input['actor']);
      current.state = 'decision-approval';
    } else if (update.name === 'reviewDecision' && current.state === 'decision-approval') {
      if (update.input['actor'] === proposer) throw FakeDeskTemporal.refused('SAME_PERSON_APPROVAL');
      current.state = 'granted';
    } else {
      throw FakeDeskTemporal.refused('INVALID_STATE');
    }
    current.historyLength += 5;
    const result = { state: current.state };
    results.set(commandId, result);
    return result;
  };
}

async function desk(env: Record<string, string> = {}) {
  const { context } = await agencyHarness({ SIM_LEFT_FOR_PEOPLE_SHARE: '0', ...env });
  const temporal = new FakeDeskTemporal();
  playWorkflow(temporal);
  return { temporal, desk: new EoiDecisionDesk(context, temporal) };
}

describe('simulated EOI decision desk', () => {
  it('finds EOI cases waiting for a decision or its approval through visibility', async () => {
    const { temporal, desk: eoiDesk } = await desk();
    await eoiDesk.sweep();
    expect(temporal.queries).toEqual([EOI_DESK_QUERY]);
    expect(EOI_DESK_QUERY).toBe("CaseKind = 'eoi' AND ExecutionStatus = 'Running' AND CaseState IN ('decision', 'decision-approval')");
  });

  it('leaves the configured share of cases to people working them in the console', async () => {
    const { temporal, desk: eoiDesk } = await desk({ SIM_LEFT_FOR_PEOPLE_SHARE: '1' });
    temporal.cases.set('eoi:eoi_SIMCASE0000000009', { kind: 'eoi', state: 'decision', historyLength: 40 });
    expect(await eoiDesk.sweep()).toBe(0);
    expect(temporal.updates).toEqual([]);
  });

  it('S1 the decision desk approves with a different actor than the proposer', async () => {
    const { temporal, desk: eoiDesk } = await desk({ SIM_EOI_DECISION_REFUSE_SHARE: '0' });
    temporal.cases.set('eoi:eoi_SIMCASE0000000001', { kind: 'eoi', state: 'decision', historyLength: 40 });

    expect(await eoiDesk.sweep()).toBe(1);
    expect(await eoiDesk.sweep()).toBe(1);

    const [proposal, review] = temporal.updates;
    expect(proposal).toMatchObject({ name: 'proposeDecision', input: { actor: EOI_PROPOSER, decision: 'grant' } });
    expect(review).toMatchObject({ name: 'reviewDecision', input: { actor: EOI_APPROVER, approve: true } });
    expect(review?.input['actor']).not.toBe(proposal?.input['actor']);
    expect(review?.input['commandId']).not.toBe(proposal?.input['commandId']);
    expect(temporal.cases.get('eoi:eoi_SIMCASE0000000001')?.state).toBe('granted');
    expect(Object.fromEntries(eoiDesk.steps)).toEqual({ decision: 1, 'decision-approval': 1 });
  });

  it('E7 proposes a refusal for the configured share, still approved by a second officer (S1)', async () => {
    const { temporal, desk: eoiDesk } = await desk({ SIM_EOI_DECISION_REFUSE_SHARE: '1' });
    temporal.cases.set('eoi:eoi_SIMCASE0000000002', { kind: 'eoi', state: 'decision', historyLength: 12 });
    await eoiDesk.sweep();
    await eoiDesk.sweep();
    expect(temporal.updates.map((update) => [update.name, update.input['decision'] ?? update.input['approve'], update.input['actor']])).toEqual([
      ['proposeDecision', 'refuse', EOI_PROPOSER],
      ['reviewDecision', true, EOI_APPROVER],
    ]);
  });

  it('repeats the same command id while visibility still shows the case unchanged, so nothing is done twice', async () => {
    const { temporal, desk: eoiDesk } = await desk({ SIM_EOI_DECISION_REFUSE_SHARE: '0' });
    temporal.cases.set('eoi:eoi_SIMCASE0000000003', { kind: 'eoi', state: 'decision', historyLength: 40 });
    // Visibility lags: the listing keeps showing the case as it was before the proposal.
    const list = temporal.workflow.list.bind(temporal.workflow);
    temporal.workflow.list = (options) => {
      temporal.queries.push(options.query);
      return (async function* () {
        yield { workflowId: 'eoi:eoi_SIMCASE0000000003', historyLength: 40, searchAttributes: { CaseKind: ['eoi'], CaseState: ['decision'] } };
      })();
    };
    await eoiDesk.sweep();
    await eoiDesk.sweep();
    temporal.workflow.list = list;

    const [first, second] = temporal.updates;
    expect(first?.input['commandId']).toBe(second?.input['commandId']);
    expect(temporal.cases.get('eoi:eoi_SIMCASE0000000003')?.state).toBe('decision-approval');
  });

  it('skips a case that no longer accepts the step and carries on with the others', async () => {
    const { temporal, desk: eoiDesk } = await desk({ SIM_EOI_DECISION_REFUSE_SHARE: '0' });
    temporal.cases.set('eoi:eoi_SIMCASE0000000004', { kind: 'eoi', state: 'decision', historyLength: 10 });
    temporal.cases.set('eoi:eoi_SIMCASE0000000005', { kind: 'eoi', state: 'decision', historyLength: 10 });
    const play = temporal.onUpdate;
    temporal.onUpdate = (update, current) => {
      if (update.workflowId === 'eoi:eoi_SIMCASE0000000004') throw FakeDeskTemporal.refused('INVALID_STATE');
      return play(update, current);
    };
    expect(await eoiDesk.sweep()).toBe(1);
    expect(temporal.cases.get('eoi:eoi_SIMCASE0000000005')?.state).toBe('decision-approval');
  });

  it('leaves a case in any other state alone', async () => {
    const { temporal, desk: eoiDesk } = await desk();
    temporal.cases.set('eoi:eoi_SIMCASE0000000006', { kind: 'eoi', state: 'security-checks', historyLength: 10 });
    expect(await eoiDesk.sweep()).toBe(0);
    expect(temporal.updates).toEqual([]);
  });
});
