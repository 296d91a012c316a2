import { checkHistory } from './history-checker';
import { buildHistory, healthyScenario } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

describe('the history is whole', () => {
  it('holds for a run recorded from start to end with its final state', () => {
    expect(invariantOf(checkHistory(buildHistory(healthyScenario())), 'history-complete').violations).toBe(0);
  });

  it('an empty history proves nothing: it is named incomplete', () => {
    const result = checkHistory([]);
    expect(invariantOf(result, 'history-complete')).toMatchObject({
      violations: 4,
      examples: ['no run-started record', 'no run-ended record: the run was cut short', 'no workflow-views record: the final state is missing', 'no ledger-history record: the final state is missing'],
    });
  });

  it('names a run cut short before its end', () => {
    const run = healthyScenario();
    run.ended = false;
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'history-complete': 1 });
    expect(invariantOf(result, 'history-complete').examples).toEqual(['no run-ended record: the run was cut short']);
  });

  it('names a request with no answer and a fault never healed', () => {
    const run = healthyScenario();
    run.during.push(
      { type: 'command-sent', requestId: 'req_lost', operationId: 'recordDetention', target: { kind: 'readmission', id: 'case_01JCHAOS000000000002' }, idempotencyKey: 'key-req_lost', actor: 'cw_alice0000001' },
      { type: 'fault-injected', faultId: 'fault_3', kind: 'kill-broker', target: 'kafka-2', parameters: {} },
    );
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'history-complete': 2 });
    expect(invariantOf(result, 'history-complete').examples).toEqual(['request req_lost has no answer record', 'fault fault_3 (kill-broker kafka-2) never healed']);
  });

  it('names records out of seq order', () => {
    const records = buildHistory(healthyScenario());
    [records[3], records[4]] = [records[4]!, records[3]!];
    const result = checkHistory(records);
    expect(violated(result)).toEqual({ 'history-complete': 1 });
    expect(invariantOf(result, 'history-complete').examples).toEqual(['seq 4 follows seq 5']);
  });
});
