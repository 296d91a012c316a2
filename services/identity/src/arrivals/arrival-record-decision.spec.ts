import { type MatchedCase, decideArrivalRecord } from './arrival-record-decision';

const ARRIVED = '2026-03-10T06:00:00.000Z';
const BEFORE = '2026-03-01T00:00:00.000Z';
const AFTER = '2026-03-20T00:00:00.000Z';

function matched(caseId: string, overrides: Partial<MatchedCase> = {}): MatchedCase {
  return { caseId, enrolmentReference: `enr_${caseId}`, score: 1, status: { open: true }, ...overrides };
}

describe('what an arrival record is (pure)', () => {
  it('R11 a record matching nobody is a new case with no links', () => {
    expect(decideArrivalRecord([], ARRIVED)).toEqual({ kind: 'new-case' });
  });

  it('R11 a record matching a person with an open case is linked to it, whatever else it matches', () => {
    const open = matched('case_open', { score: 0.93 });
    const returned = matched('case_returned', { returnedAt: BEFORE, status: { open: false, endedAt: BEFORE } });
    expect(decideArrivalRecord([returned, open], ARRIVED)).toEqual({ kind: 'link', link: 'open-case', to: open });
  });

  it('R11 of two open cases the record is linked to the better match', () => {
    const near = matched('case_a', { score: 0.91 });
    const exact = matched('case_b', { score: 1 });
    expect(decideArrivalRecord([near, exact], ARRIVED)).toMatchObject({ kind: 'link', to: { caseId: 'case_b' } });
  });

  it('R11 a case still running after the person was returned is not open to a later crossing: that is a re-entry', () => {
    const returnedStillRunning = matched('case_returned', { returnedAt: BEFORE });
    expect(decideArrivalRecord([returnedStillRunning], ARRIVED)).toEqual({ kind: 'new-case', previousReturn: returnedStillRunning });
  });

  it('R11 a record of an arrival before the return it matches is a late record of that crossing, not a re-entry', () => {
    const returned = matched('case_returned', { returnedAt: AFTER, status: { open: false, endedAt: AFTER } });
    expect(decideArrivalRecord([returned], ARRIVED)).toEqual({ kind: 'link', link: 'ended-case', to: returned });
  });

  it('R11 a record of an arrival before an ended case ended is a late record of that crossing', () => {
    const ended = matched('case_ended', { status: { open: false, endedAt: AFTER } });
    expect(decideArrivalRecord([ended], ARRIVED)).toEqual({ kind: 'link', link: 'ended-case', to: ended });
    expect(decideArrivalRecord([ended], AFTER)).toMatchObject({ kind: 'link', link: 'ended-case' });
  });

  it('R11 an arrival after an earlier case ended without a return is a new case linked to it, not a re-entry', () => {
    const ended = matched('case_ended', { status: { open: false, endedAt: BEFORE } });
    expect(decideArrivalRecord([ended], ARRIVED)).toEqual({ kind: 'new-case', earlierCase: ended });
  });

  it('R11 an arrival after a return is a re-entry, and names an earlier case that ended without a return as well', () => {
    const returned = matched('case_returned', { score: 0.95, returnedAt: BEFORE, status: { open: false, endedAt: BEFORE } });
    const ended = matched('case_ended', { status: { open: false, endedAt: BEFORE } });
    expect(decideArrivalRecord([ended, returned], ARRIVED)).toEqual({ kind: 'new-case', previousReturn: returned, earlierCase: ended });
  });
});
