import { balanceRows, weekFiguresOf, weeklyChart, weeksUpTo } from './ledger-view';

describe('ledger page', () => {
  it('Q3 lists the eight weeks up to this one, across a year end', () => {
    expect(weeksUpTo('2026-W02')).toEqual(['2025-W47', '2025-W48', '2025-W49', '2025-W50', '2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(weeksUpTo('2026-W10', 2)).toEqual(['2026-W09', '2026-W10']);
  });

  it('Q3 reads a week\'s movements from its report', () => {
    expect(weekFiguresOf({ isoWeek: '2026-W10', complete: true, week: { readmissions: 4, admissions: 3, placesReleased: 3, placesReturned: 0 } })).toEqual({ isoWeek: '2026-W10', readmissions: 4, admissions: 3, placesReleased: 3, complete: true });
  });

  it('Q3 draws each week as two bars scaled to the largest week, on one baseline', () => {
    const chart = weeklyChart([
      { isoWeek: '2026-W09', readmissions: 4, admissions: 2, placesReleased: 2, complete: true },
      { isoWeek: '2026-W10', readmissions: 0, admissions: 1, placesReleased: 1, complete: false },
    ]);
    expect(chart.max).toBe(4);
    const [readmissions, admissions, emptyWeek] = chart.bars;
    expect(readmissions).toMatchObject({ series: 'readmissions', value: 4, height: chart.baseline - 16, y: 16 });
    expect(admissions?.height).toBe(Math.round((chart.baseline - 16) / 2));
    expect(emptyWeek).toMatchObject({ value: 0, height: 0, y: chart.baseline });
    expect(chart.labels.map((label) => label.text)).toEqual(['W09', 'W10']);
    for (const bar of chart.bars) expect(bar.y + bar.height).toBe(chart.baseline);
  });

  it('draws an empty pilot without dividing by zero', () => {
    expect(weeklyChart([{ isoWeek: '2026-W01', readmissions: 0, admissions: 0, placesReleased: 0, complete: false }]).bars.every((bar) => bar.height === 0)).toBe(true);
  });

  it('Q2 shows the balance with its imbalance and what may be released', () => {
    const rows = balanceRows({ readmissions: 5, admissions: 3, grantsOutstanding: 1, imbalance: -1, headroom: 1, tolerance: 0, eoisHeld: 2, paused: true, mode: 'open', currentWeek: { isoWeek: '2026-W10', cap: 50, released: 4 } });
    expect(rows).toContainEqual({ key: 'Imbalance (Q2)', value: '-1' });
    expect(rows).toContainEqual({ key: 'This week', value: '2026-W10: 4 of 50 places released' });
    expect(rows).toContainEqual({ key: 'Intake', value: 'Paused' });
  });
});
