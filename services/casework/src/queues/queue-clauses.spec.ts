import { queueQuery } from '../api/query-schemas';
import { queueClauses } from './queue-clauses';

const query = (raw: Record<string, string> = {}) => queueQuery.parse(raw);

describe('queueClauses', () => {
  it('E7 a caseworker\'s EOI queue holds the decisions and the EOIs escalated because their security checks went unanswered', () => {
    expect(queueClauses('eoi', query(), ['legal-route'], false)).toEqual([
      `ExecutionStatus = 'Running'`,
      `CaseKind = 'eoi'`,
      `(CaseState IN ('decision', 'decision-approval') OR CaseAlerts = 'escalated')`,
      `CaseTeam IN ('legal-route')`,
    ]);
    expect(queueClauses('eoi', query({ step: 'escalation' }), 'all', false)).toEqual([`ExecutionStatus = 'Running'`, `CaseKind = 'eoi'`, `CaseAlerts = 'escalated'`]);
    expect(queueClauses('eoi', query({ step: 'decision-review' }), 'all', false)).toEqual([`ExecutionStatus = 'Running'`, `CaseKind = 'eoi'`, `CaseState IN ('decision-approval')`]);
  });

  it('a readmission queue keeps to the states that wait on a person, and the liaison desk to its corrections and escalations', () => {
    expect(queueClauses('readmission', query({ step: 'screening' }), 'all', false)).toEqual([`ExecutionStatus = 'Running'`, `CaseKind = 'readmission'`, `CaseState IN ('screening')`]);
    expect(queueClauses('readmission', query({ step: 'escalation' }), 'all', false)).toBeUndefined();
    expect(queueClauses('readmission', query(), 'all', true)).toContain(`(CaseState = 'refused-correctable' OR CaseAlerts = 'escalated')`);
    expect(queueClauses('readmission', query({ step: 'no-such-step' }), 'all', false)).toBeUndefined();
  });
});
