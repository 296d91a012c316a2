import { type EoiCase, type ReadmissionCase } from '../casework/casework-api';
import { type ConsoleRole, type StepForm, STEP_FORMS } from '../steps/step-forms';
import { deadlineTag, formatDateTime, formatTimeLeft, humanise } from './format';

type TimelineEntry = ReadmissionCase['timeline'][number];
type Deadline = NonNullable<ReadmissionCase['nextDeadline']>;

/** A row of a GOV.UK summary list. */
export interface SummaryRow {
  key: string;
  value: string;
  tag?: { text: string; classes: string };
}

/** One entry of the case's timeline, newest first. */
export interface TimelineItem {
  title: string;
  at: string;
  by: string;
  why?: string;
  evidence: string[];
  /** Taken by a person (a staff id), not by a system or the workflow. */
  decision: boolean;
}

/** What a case page shows. */
export interface CaseView {
  kind: 'readmission' | 'eoi';
  id: string;
  heading: string;
  summary: SummaryRow[];
  people?: SummaryRow[][];
  timeline: TimelineItem[];
  redacted: boolean;
  nextStep?: { href: string; title: string };
}

/** A timeline entry's title: "Moved to screening", "Decision: inadmissibility", or the entry's own name in words. */
export function timelineTitle(what: string): string {
  if (what.startsWith('state:')) return `Moved to ${humanise(what.slice('state:'.length)).toLowerCase()}`;
  if (what.startsWith('moved to ')) return `Moved to ${humanise(what.slice('moved to '.length)).toLowerCase()}`;
  if (what.startsWith('decision:')) return `Decision approved: ${humanise(what.slice('decision:'.length)).toLowerCase()}`;
  return humanise(what);
}

/** The timeline, newest first, with who did each thing by name when the API knows it. */
export function timelineItems(entries: readonly TimelineEntry[]): TimelineItem[] {
  return [...entries].reverse().map((entry) => ({
    title: timelineTitle(entry.what),
    at: formatDateTime(entry.at),
    by: entry.byName ?? entry.by ?? 'Not shown',
    ...(entry.why ? { why: entry.why } : {}),
    evidence: entry.evidence ?? [],
    decision: entry.by?.startsWith('cw_') ?? false,
  }));
}

function deadlineRow(key: string, deadline: Deadline): SummaryRow {
  const tag = deadlineTag(deadline.status);
  return { key, value: `${deadline.rule}: ${formatDateTime(deadline.at)} (${formatTimeLeft(deadline.timeLeftSeconds)})`, ...(tag ? { tag } : {}) };
}

/** The step form a case waits for, when the person may take it. */
export function nextStepFor(kind: 'readmission' | 'eoi', id: string, waitingOn: string | undefined, roles: readonly string[]): CaseView['nextStep'] {
  const form = STEP_FORMS.find((candidate) => candidate.target === kind && candidate.step === waitingOn);
  if (!form || !form.roles.some((role) => roles.includes(role as ConsoleRole))) return undefined;
  return { href: `/cases/${kind}/${encodeURIComponent(id)}/steps/${form.step}`, title: form.title };
}

function commonRows(view: { team?: string; state: string; waitingOn?: string; nextDeadline?: Deadline; deadlines: Deadline[]; outcomeReason?: string }): SummaryRow[] {
  return [
    ...(view.team ? [{ key: 'Team', value: humanise(view.team) }] : []),
    { key: 'State', value: humanise(view.state) },
    { key: 'Waiting for', value: view.waitingOn ? humanise(view.waitingOn) : 'No one: the case moves on by itself' },
    ...(view.nextDeadline ? [deadlineRow('Next deadline', view.nextDeadline)] : []),
    ...view.deadlines.filter((deadline) => deadline !== view.nextDeadline && deadline.at !== view.nextDeadline?.at).map((deadline) => deadlineRow('Deadline', deadline)),
    ...(view.outcomeReason ? [{ key: 'Outcome', value: view.outcomeReason }] : []),
  ];
}

function alertsRow(alerts: readonly string[]): SummaryRow {
  return { key: 'Alerts', value: alerts.length > 0 ? alerts.map(humanise).join(', ') : 'None' };
}

/** A readmission case page. */
export function readmissionCaseView(view: ReadmissionCase, roles: readonly string[]): CaseView {
  const nextStep = nextStepFor('readmission', view.caseId, view.waitingOn, roles);
  return {
    kind: 'readmission',
    id: view.caseId,
    heading: `Readmission case ${view.caseId}`,
    summary: [
      ...commonRows(view),
      ...(view.arrivedAt ? [{ key: 'Arrived', value: formatDateTime(view.arrivedAt) }] : []),
      { key: 'On hold', value: view.onHold ? `Yes: ${(view.holds ?? []).map((hold) => `${humanise(hold.kind)} ${hold.reference} since ${formatDateTime(hold.placedAt)}`).join('; ') || 'details not shown'}` : 'No' },
      alertsRow(view.alerts),
      { key: 'Re-entry (R11)', value: view.reEntry ? 'Yes: returned under the scheme before' : 'No' },
      ...(view.movement ? [{ key: 'Movement', value: `${view.movement.movementId}, departs ${formatDateTime(view.movement.departsAt)}` }] : []),
    ],
    timeline: timelineItems(view.timeline),
    redacted: view.view === 'redacted',
    ...(nextStep ? { nextStep } : {}),
  };
}

/** An EOI case page; the applicants' details appear only when the API sent them (roles that may see them). */
export function eoiCaseView(view: EoiCase, roles: readonly string[]): CaseView {
  const nextStep = nextStepFor('eoi', view.eoiId, view.waitingOn, roles);
  return {
    kind: 'eoi',
    id: view.eoiId,
    heading: `Expression of interest ${view.eoiId}`,
    summary: [
      ...commonRows(view),
      alertsRow(view.alerts),
      { key: 'People', value: String(view.familySize) },
      ...(view.submittedAt ? [{ key: 'Submitted', value: formatDateTime(view.submittedAt) }] : []),
      ...(view.grant ? [{ key: 'Grant', value: `Granted ${formatDateTime(view.grant.grantedAt)}, valid until ${formatDateTime(view.grant.validUntil)}` }] : []),
    ],
    ...(view.people ? { people: view.people.map((person) => Object.entries(person).map(([key, value]) => ({ key: humanise(key), value: typeof value === 'string' ? value : JSON.stringify(value) }))) } : {}),
    timeline: timelineItems(view.timeline),
    redacted: view.view === 'redacted',
    ...(nextStep ? { nextStep } : {}),
  };
}

/** The proposal a review approves (S1): the latest entry recording it, with its proposer. */
export function proposalFor(form: StepForm, timeline: readonly TimelineEntry[]): { proposerId?: string; proposer: string; at: string; why: string; evidence: string[] } | undefined {
  const reviews = form.reviews;
  if (!reviews) return undefined;
  const entry = [...timeline].reverse().find((candidate) => reviews.includes(candidate.what));
  if (!entry) return undefined;
  return { ...(entry.by ? { proposerId: entry.by } : {}), proposer: entry.byName ?? entry.by ?? 'Not shown', at: formatDateTime(entry.at), why: entry.why ?? '', evidence: entry.evidence ?? [] };
}
