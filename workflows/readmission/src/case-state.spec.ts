import { DEFAULT_READMISSION_POLICY } from '@oioo/domain';
import { applyClock, nextAction, openCase, pendingDeadlines, recordArrival } from './case-state';

const ARRIVED = new Date('2025-08-10T06:00:00Z');

function arrivedCase(policy = DEFAULT_READMISSION_POLICY) {
  const snapshot = openCase('case_UNIT00000002', policy);
  recordArrival(
    snapshot,
    {
      eventId: 'e1',
      arrival: {
        caseId: 'case_UNIT00000002',
        personId: 'per_UNIT00000002',
        arrivedAt: ARRIVED.toISOString(),
        route: 'search-and-rescue',
        departedFrom: 'FR',
        crossingEvidence: [{ kind: 'rescue-record', reference: 'SAR-1' }],
      },
    },
    ARRIVED,
  );
  return snapshot;
}

describe('case state (pure)', () => {
  it('R3 and R6 deadlines start from the arrival time and are listed soonest first', () => {
    expect(pendingDeadlines(arrivedCase())).toEqual([
      { rule: 'R3', at: '2025-08-24T06:00:00.000Z' },
      { rule: 'R6', at: '2025-11-10T06:00:00.000Z' },
    ]);
  });

  it('a case waits for news until its earliest deadline', () => {
    expect(nextAction(arrivedCase(), ARRIVED)).toEqual({ kind: 'wait', until: new Date('2025-08-24T06:00:00.000Z') });
  });

  it('R3 ends the case at the deadline, not a moment before', () => {
    const snapshot = arrivedCase();
    applyClock(snapshot, new Date('2025-08-24T05:59:59.999Z'));
    expect(snapshot.state).toBe('screening');
    applyClock(snapshot, new Date('2025-08-24T06:00:00.000Z'));
    expect(snapshot.outcome?.outcome).toBe('out-of-time');
  });

  it('time compression (demonstration only) shortens every deadline by its factor', () => {
    const [r3] = pendingDeadlines(arrivedCase({ ...DEFAULT_READMISSION_POLICY, timeCompression: 1440 }));
    // 14 days at a day per minute: 14 minutes.
    expect(r3).toEqual({ rule: 'R3', at: '2025-08-10T06:14:00.000Z' });
  });
});
