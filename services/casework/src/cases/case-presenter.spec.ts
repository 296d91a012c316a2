import type { ReadmissionCaseView } from '@oioo/workflows-readmission';
import { presentReadmissionCase } from './case-presenter';
import { deadlineView } from './deadlines';

const now = new Date('2026-03-01T12:00:00.000Z');
const view: ReadmissionCaseView = {
  caseId: 'case_01PRESENTER000001',
  state: 'awaiting-reply',
  onHold: true,
  holds: [{ reference: 'chl_01HOLD000000001', kind: 'trafficking-referral', placedAt: '2026-02-27T10:00:00.000Z' }],
  reEntry: false,
  escalated: true,
  targetBreached: false,
  arrivedAt: '2026-02-20T04:00:00.000Z',
  requestDeadline: '2026-03-06T04:00:00.000Z',
  replyDeadline: '2026-03-01T20:00:00.000Z',
  nextDeadline: { rule: 'R4', at: '2026-03-01T20:00:00.000Z' },
  timeline: [{ at: '2026-02-21T09:00:00.000Z', what: 'screened', by: 'cw_01ALICE0000000000000', why: 'age adult; vulnerabilities: pregnancy', evidence: ['doc:medical-1'] }],
};

describe('presenting a readmission case', () => {
  it('S3 redacted for operations: no holds, arrival, who, why or evidence; state, deadlines and alerts stay', () => {
    const shown = presentReadmissionCase(view, { visibility: 'redacted', now, names: new Map() });
    expect(shown).toMatchObject({ state: 'awaiting-reply', onHold: true, alerts: ['escalated'], view: 'redacted' });
    expect(shown).not.toHaveProperty('holds');
    expect(shown).not.toHaveProperty('arrivedAt');
    expect(shown.timeline).toEqual([{ at: '2026-02-21T09:00:00.000Z', what: 'screened' }]);
    expect(JSON.stringify(shown)).not.toMatch(/pregnancy|medical|trafficking|ALICE/);
  });

  it('S2 whole for casework, with the display name of who acted beside their id', () => {
    const shown = presentReadmissionCase(view, { team: 'south-east', visibility: 'full', now, names: new Map([['cw_01ALICE0000000000000', 'Alice Ashworth']]) });
    expect(shown.timeline[0]).toEqual({ ...view.timeline[0], byName: 'Alice Ashworth' });
    expect(shown.holds).toEqual(view.holds);
    expect(shown.team).toBe('south-east');
  });

  it('R4 shows the reply deadline with the time left, near within a day', () => {
    const shown = presentReadmissionCase(view, { visibility: 'full', now, names: new Map() });
    expect(shown.deadlines).toEqual([{ rule: 'R4', at: '2026-03-01T20:00:00.000Z', timeLeftSeconds: 8 * 3600, status: 'near' }]);
  });

  it('a deadline past is overdue, with negative time left', () => {
    expect(deadlineView('R3', '2026-03-01T11:00:00.000Z', now)).toEqual({ rule: 'R3', at: '2026-03-01T11:00:00.000Z', timeLeftSeconds: -3600, status: 'overdue' });
  });
});
