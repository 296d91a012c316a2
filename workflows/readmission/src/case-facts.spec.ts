import { DEFAULT_READMISSION_POLICY } from '@oioo/domain';
import { linkArrivalRecord } from './case-facts';
import { openCase, recordArrival } from './case-state';
import { type ArrivalScreening } from './definitions';

const ARRIVED = new Date('2025-08-10T06:00:00Z');

function arrivedCase(screening?: ArrivalScreening) {
  const snapshot = openCase('case_UNIT00000003', DEFAULT_READMISSION_POLICY);
  recordArrival(
    snapshot,
    {
      eventId: 'e1',
      arrival: {
        caseId: 'case_UNIT00000003',
        personId: 'per_UNIT00000003',
        arrivedAt: ARRIVED.toISOString(),
        route: 'apprehended',
        departedFrom: 'FR',
        crossingEvidence: [{ kind: 'interception-record', reference: 'INT-1' }],
      },
      ...(screening ? { screening } : {}),
    },
    ARRIVED,
  );
  return snapshot;
}

describe('second arrival records (pure)', () => {
  it('R11 a second record of the person is noted on the timeline with its case id and event, and changes nothing else', () => {
    const snapshot = arrivedCase();
    const before = { state: snapshot.state, requestDeadline: snapshot.requestDeadline, arrival: snapshot.arrival };

    linkArrivalRecord(snapshot, { eventId: 'e2', recordCaseId: 'case_SECOND000001', matchScore: 1 }, new Date('2025-08-10T07:00:00Z'));

    expect(snapshot.timeline.at(-1)).toMatchObject({
      what: 'duplicate-record-linked',
      by: 'system:uk-identity',
      evidence: ['record:case_SECOND000001', 'event:e2'],
    });
    expect(snapshot.timeline.at(-1)?.why).toContain('biometric match 1.00');
    expect({ state: snapshot.state, requestDeadline: snapshot.requestDeadline, arrival: snapshot.arrival }).toEqual(before);
  });

  it('R11 the same link sent again is noted once; another record is noted beside it', () => {
    const snapshot = arrivedCase();
    const link = { eventId: 'e2', recordCaseId: 'case_SECOND000001', matchScore: 0.94 };
    linkArrivalRecord(snapshot, link, ARRIVED);
    linkArrivalRecord(snapshot, link, ARRIVED);
    linkArrivalRecord(snapshot, { eventId: 'e3', recordCaseId: 'case_THIRD0000001', matchScore: 1 }, ARRIVED);

    expect(snapshot.timeline.filter((entry) => entry.what === 'duplicate-record-linked').map((entry) => entry.evidence)).toEqual([
      ['record:case_SECOND000001', 'event:e2'],
      ['record:case_THIRD0000001', 'event:e3'],
    ]);
  });

  it('R11 a new crossing after an earlier case that ended without a return is linked to that case, not flagged as a re-entry', () => {
    const snapshot = arrivedCase({ reEntry: false, earlierCaseId: 'case_EARLIER00001', enrolmentReference: 'enr_1' });

    expect(snapshot.reEntry).toBe(false);
    expect(snapshot.timeline.find((entry) => entry.what === 'linked-earlier-case')?.evidence).toEqual(['case:case_EARLIER00001', 'enrolment:enr_1']);
    expect(snapshot.state).toBe('screening');
  });
});
