import { isoWeekOf, isoWeekStart } from '@oioo/domain';
import { formatDateTime, humanise } from './format';

/** The weeks the ledger page shows: this one and the ones before it. */
export const WEEKS_SHOWN = 8;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The ISO weeks up to and including `current`, oldest first. */
export function weeksUpTo(current: string, count: number = WEEKS_SHOWN): string[] {
  const start = isoWeekStart(current).getTime();
  return Array.from({ length: count }, (_, index) => isoWeekOf(new Date(start - (count - 1 - index) * WEEK_MS + 1)));
}

/** One week's movements as the table and the chart show them. */
export interface WeekFigures {
  isoWeek: string;
  readmissions: number;
  admissions: number;
  placesReleased: number;
  complete: boolean;
}

/** A bar of the chart, in the SVG's own units. */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  series: 'readmissions' | 'admissions';
}

/** The weekly chart as plain shapes for the template to draw: no JavaScript, the table beside it says the same. */
export interface WeeklyChart {
  width: number;
  height: number;
  baseline: number;
  bars: ChartBar[];
  labels: { x: number; text: string }[];
  max: number;
}

const CHART = { width: 640, height: 240, top: 16, bottom: 32, left: 8, groupGap: 16 } as const;

/** Readmissions and admissions of each week as grouped bars scaled to the largest week. */
export function weeklyChart(weeks: readonly WeekFigures[]): WeeklyChart {
  const max = Math.max(1, ...weeks.flatMap((week) => [week.readmissions, week.admissions]));
  const baseline = CHART.height - CHART.bottom;
  const plot = baseline - CHART.top;
  const group = (CHART.width - CHART.left) / Math.max(1, weeks.length);
  const barWidth = (group - CHART.groupGap) / 2;
  const bars: ChartBar[] = [];
  weeks.forEach((week, index) => {
    const x = CHART.left + index * group;
    (['readmissions', 'admissions'] as const).forEach((series, offset) => {
      const height = Math.round((week[series] / max) * plot);
      bars.push({ x: Math.round(x + offset * barWidth), y: baseline - height, width: Math.round(barWidth - 2), height, value: week[series], series });
    });
  });
  return { width: CHART.width, height: CHART.height, baseline, bars, labels: weeks.map((week, index) => ({ x: Math.round(CHART.left + index * group + group / 2 - CHART.groupGap / 2), text: week.isoWeek.slice(5) })), max };
}

/** A week's figures from the API's weekly report. */
export function weekFiguresOf(report: Record<string, unknown>): WeekFigures {
  const week = (report['week'] ?? {}) as Record<string, unknown>;
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    isoWeek: String(report['isoWeek']),
    readmissions: count(week['readmissions']),
    admissions: count(week['admissions']),
    placesReleased: count(week['placesReleased']),
    complete: report['complete'] === true,
  };
}

/** The live balance as summary rows. */
export function balanceRows(balance: Record<string, unknown>): { key: string; value: string }[] {
  const number = (key: string) => String(typeof balance[key] === 'number' ? balance[key] : 0);
  const currentWeek = (balance['currentWeek'] ?? {}) as Record<string, unknown>;
  return [
    { key: 'Readmissions (Q1)', value: number('readmissions') },
    { key: 'Admissions (Q1)', value: number('admissions') },
    { key: 'Grants not yet used', value: number('grantsOutstanding') },
    { key: 'Imbalance (Q2)', value: number('imbalance') },
    { key: 'Places that could be released now', value: number('headroom') },
    { key: 'Tolerance', value: number('tolerance') },
    { key: 'EOIs waiting for a place', value: number('eoisHeld') },
    { key: 'This week', value: `${String(currentWeek['isoWeek'] ?? '')}: ${String(currentWeek['released'] ?? 0)} of ${String(currentWeek['cap'] ?? 0)} places released` },
    { key: 'Mode', value: humanise(String(balance['mode'] ?? 'open')) },
    { key: 'Intake', value: balance['paused'] === true ? 'Paused' : 'Open' },
    { key: 'As of', value: formatDateTime(typeof balance['asOf'] === 'string' ? balance['asOf'] : undefined) },
  ];
}
