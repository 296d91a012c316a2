import { stepFormOf } from '../steps/step-forms';
import { nextStepFor, proposalFor, readmissionCaseView, timelineItems, timelineTitle } from './case-view';

const base = {
  caseId: 'case_X',
  kind: 'readmission' as const,
  team: 'south-east',
  state: 'inadmissibility-approval',
  waitingOn: 'inadmissibility-review',
  onHold: false,
  reEntry: false,
  alerts: [],
  deadlines: [{ rule: 'R3', at: '2026-12-10T09:00:00Z', timeLeftSeconds: 3_600, status: 'near' as const }],
  nextDeadline: { rule: 'R3', at: '2026-12-10T09:00:00Z', timeLeftSeconds: 3_600, status: 'near' as const },
  timeline: [
    { at: '2026-12-01T09:00:00Z', what: 'arrival-recorded', by: 'system:uk-border-force', why: 'small-boat arrival', evidence: ['event:e1'] },
    { at: '2026-12-02T10:00:00Z', what: 'state:inadmissibility-approval', by: 'cw_alice', byName: 'Alice Adebayo', why: 'proposed: claim inadmissible; safe third country', evidence: ['doc:interview'] },
  ],
  view: 'full' as const,
};

describe('case page', () => {
  it('summarises state, step and deadlines with the time left and a tag when near', () => {
    const view = readmissionCaseView(base, ['senior-caseworker']);
    expect(view.summary).toContainEqual({ key: 'Next deadline', value: 'R3: 10 December 2026 at 9am (1 hour left)', tag: { text: 'Due soon', classes: 'govuk-tag--yellow' } });
    expect(view.summary).toContainEqual({ key: 'Waiting for', value: 'Inadmissibility review' });
    expect(view.summary.filter((row) => row.key === 'Deadline')).toEqual([]);
    expect(view.nextStep).toEqual({ href: '/cases/readmission/case_X/steps/inadmissibility-review', title: 'Approve the inadmissibility decision' });
  });

  it('offers the next step only to roles that may take it', () => {
    expect(nextStepFor('readmission', 'case_X', 'inadmissibility-review', ['caseworker'])).toBeUndefined();
    expect(nextStepFor('readmission', 'case_X', 'screening', ['auditor'])).toBeUndefined();
    expect(nextStepFor('readmission', 'case_X', undefined, ['caseworker'])).toBeUndefined();
  });

  it('lists the timeline newest first, by name, marking what people decided', () => {
    const [latest, first] = timelineItems(base.timeline);
    expect(latest).toEqual({ title: 'Moved to inadmissibility approval', at: '2 December 2026 at 10am', by: 'Alice Adebayo', why: 'proposed: claim inadmissible; safe third country', evidence: ['doc:interview'], decision: true });
    expect(first).toMatchObject({ title: 'Arrival recorded', by: 'system:uk-border-force', decision: false });
    expect(timelineTitle('decision:inadmissibility')).toBe('Decision approved: inadmissibility');
  });

  it('S1 finds the proposal a review approves, with its proposer', () => {
    expect(proposalFor(stepFormOf('readmission', 'inadmissibility-review')!, base.timeline)).toEqual({
      proposerId: 'cw_alice',
      proposer: 'Alice Adebayo',
      at: '2 December 2026 at 10am',
      why: 'proposed: claim inadmissible; safe third country',
      evidence: ['doc:interview'],
    });
    expect(proposalFor(stepFormOf('readmission', 'screening')!, base.timeline)).toBeUndefined();
    // An EOI records its proposal as `grant-proposed` (or `refuse-proposed`), with the reasons and evidence.
    const eoiTimeline = [
      { at: '2026-12-02T10:00:00Z', what: 'grant-proposed', by: 'cw_erin', byName: 'Erin Evans', why: 'eligible; every check clear', evidence: [] },
      { at: '2026-12-02T10:00:00Z', what: 'moved to decision-approval', by: 'cw_erin', why: 'S1: a grant proposed' },
    ];
    expect(proposalFor(stepFormOf('eoi', 'decision-review')!, eoiTimeline)).toMatchObject({ proposerId: 'cw_erin', proposer: 'Erin Evans', why: 'eligible; every check clear' });
    expect(timelineTitle('moved to decision-approval')).toBe('Moved to decision approval');
  });

  it('S3 says when the view is redacted', () => {
    expect(readmissionCaseView({ ...base, view: 'redacted' }, ['sre']).redacted).toBe(true);
  });
});
