import { type QueuePage } from '../casework/casework-api';
import { deadlineTag, formatDateTime, formatTimeLeft, humanise } from './format';

/** The filters of a work queue as the page's form posts them (GET), kept as text. */
export interface QueueFilters {
  kind?: 'readmission' | 'eoi';
  step?: string;
  onHold?: 'true' | 'false';
  alert?: 'escalated' | 'target-breached';
  reEntry?: 'true' | 'false';
  pageToken?: string;
}

/** One row of the queue table. */
export interface QueueRow {
  href: string;
  id: string;
  route: string;
  waitingOn: string;
  deadline: string;
  timeLeft: string;
  tag?: { text: string; classes: string };
  flags: string[];
}

/** Everything the queue page shows. */
export interface QueueView {
  rows: QueueRow[];
  total: number;
  counts: { step: string; label: string; count: number; href: string }[];
  nextPageHref?: string;
  truncated: boolean;
  filtered: boolean;
}

/** The query string of a queue page with these filters. */
export function queueHref(filters: QueueFilters): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = query.toString();
  return text === '' ? '/work' : `/work?${text}`;
}

/** The work queue as rows with their deadline, time left and tags, counts per step, and the next page. */
export function queueView(page: QueuePage, filters: QueueFilters): QueueView {
  const { pageToken: _page, ...withoutPage } = filters;
  return {
    rows: page.items.map((item) => ({
      href: `/cases/${item.kind}/${encodeURIComponent(item.id)}`,
      id: item.id,
      route: item.kind === 'readmission' ? 'Readmission' : 'Legal route (EOI)',
      waitingOn: humanise(item.waitingOn),
      deadline: item.nextDeadline ? `${item.nextDeadline.rule}: ${formatDateTime(item.nextDeadline.at)}` : 'None',
      timeLeft: item.nextDeadline ? formatTimeLeft(item.nextDeadline.timeLeftSeconds) : '',
      ...(item.nextDeadline && deadlineTag(item.nextDeadline.status) ? { tag: deadlineTag(item.nextDeadline.status) } : {}),
      flags: [...(item.onHold ? ['On hold'] : []), ...(item.reEntry ? ['Re-entry'] : []), ...item.alerts.map(humanise)],
    })),
    total: page.total,
    counts: Object.entries(page.countsByStep)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([step, count]) => ({ step, label: humanise(step), count, href: queueHref({ ...withoutPage, step }) })),
    ...(page.nextPageToken ? { nextPageHref: queueHref({ ...filters, pageToken: page.nextPageToken }) } : {}),
    truncated: page.truncated,
    filtered: Object.keys(withoutPage).some((key) => withoutPage[key as keyof typeof withoutPage] !== undefined),
  };
}
