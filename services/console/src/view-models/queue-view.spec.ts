import { queueHref, queueView } from './queue-view';

const deadline = (status: 'ok' | 'near' | 'overdue', timeLeftSeconds: number) => ({ rule: 'R3', at: '2026-12-05T09:00:00Z', timeLeftSeconds, status });

describe('work queue page', () => {
  it('shows each case with its step, deadline, time left, a tag when near or past, and its flags', () => {
    const view = queueView(
      {
        items: [
          { kind: 'readmission', id: 'case_A', state: 'screening', waitingOn: 'screening', onHold: false, reEntry: true, alerts: ['escalated'], nextDeadline: deadline('overdue', -7_200) },
          { kind: 'eoi', id: 'eoi_B', state: 'decision', waitingOn: 'decision-proposal', onHold: true, reEntry: false, alerts: [], nextDeadline: deadline('ok', 3 * 86_400) },
          { kind: 'readmission', id: 'case_C', state: 'awaiting-detention', waitingOn: 'detention', onHold: false, reEntry: false, alerts: [] },
        ],
        total: 3,
        countsByStep: { screening: 1, decision: 1, 'awaiting-detention': 1 },
        truncated: false,
      },
      {},
    );

    expect(view.rows[0]).toEqual({
      href: '/cases/readmission/case_A',
      id: 'case_A',
      route: 'Readmission',
      waitingOn: 'Screening',
      deadline: 'R3: 5 December 2026 at 9am',
      timeLeft: 'overdue by 2 hours',
      tag: { text: 'Overdue', classes: 'govuk-tag--red' },
      flags: ['Re-entry', 'Escalated'],
    });
    expect(view.rows[1]).toMatchObject({ route: 'Legal route (EOI)', waitingOn: 'Decision proposal', timeLeft: '3 days left', flags: ['On hold'] });
    expect(view.rows[1]?.tag).toBeUndefined();
    expect(view.rows[2]).toMatchObject({ deadline: 'None', timeLeft: '' });
    expect(view.counts.map((count) => [count.label, count.count, count.href])).toEqual([
      ['Awaiting detention', 1, '/work?step=awaiting-detention'],
      ['Decision', 1, '/work?step=decision'],
      ['Screening', 1, '/work?step=screening'],
    ]);
    expect(view.filtered).toBe(false);
  });

  it('keeps the filters on the next page and on the counts, without the page token', () => {
    const view = queueView({ items: [], total: 40, countsByStep: { screening: 40 }, nextPageToken: 'tok2', truncated: true }, { kind: 'readmission', onHold: 'false', pageToken: 'tok1' });
    expect(view.nextPageHref).toBe('/work?kind=readmission&onHold=false&pageToken=tok2');
    expect(view.counts[0]?.href).toBe('/work?kind=readmission&onHold=false&step=screening');
    expect(view).toMatchObject({ truncated: true, filtered: true });
    expect(queueHref({})).toBe('/work');
  });
});
