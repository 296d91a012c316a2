import type { z } from 'zod';
import type { EoiCaseView } from '@oioo/workflows-eoi';
import type { ReadmissionCaseView } from '@oioo/workflows-readmission';
import type { CaseVisibility } from '../access/case-access';
import type { eoiCaseSchema, readmissionCaseSchema, timelineEntrySchema } from '@oioo/contracts';
import { type DeadlineView, deadlineView, waitingStepOf } from './deadlines';

/** A readmission case as the API answers it. */
export type ReadmissionCaseResponse = z.infer<typeof readmissionCaseSchema>;
/** An EOI case as the API answers it. */
export type EoiCaseResponse = z.infer<typeof eoiCaseSchema>;
type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What presenting a view needs besides the view: the case's team, how much the caller may see, the time, and staff names. */
export interface PresentationContext {
  team?: string;
  visibility: CaseVisibility;
  now: Date;
  names: ReadonlyMap<string, string>;
}

/** Who did what, why and on what evidence is personal data; a redacted timeline keeps when and what. */
function timelineOf(entries: readonly { at: string; what: string; by: string; why: string; evidence: string[] }[], visibility: CaseVisibility, names: ReadonlyMap<string, string>): TimelineEntry[] {
  if (visibility === 'redacted') return entries.map(({ at, what }) => ({ at, what }));
  return entries.map((entry) => {
    const name = names.get(entry.by);
    return { at: entry.at, what: entry.what, by: entry.by, ...(name ? { byName: name } : {}), why: entry.why, evidence: entry.evidence };
  });
}

function nearestFirst(deadlines: DeadlineView[]): DeadlineView[] {
  return deadlines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** A readmission case for the API: whole, or (for operations) without anything personal: no holds' details, arrival, reasons or timeline who/why. */
export function presentReadmissionCase(view: ReadmissionCaseView, context: PresentationContext): ReadmissionCaseResponse {
  const { visibility, now } = context;
  const deadlines = nearestFirst([
    ...(view.requestDeadline && view.state === 'request-pending' ? [deadlineView('R3', view.requestDeadline, now)] : []),
    ...(view.replyDeadline && view.state === 'awaiting-reply' ? [deadlineView('R4', view.replyDeadline, now)] : []),
    ...(view.nextDeadline && !['R3', 'R4'].includes(view.nextDeadline.rule) ? [deadlineView(view.nextDeadline.rule, view.nextDeadline.at, now)] : []),
  ]);
  const waitingOn = waitingStepOf('readmission', view.state);
  const full = visibility === 'full';
  return {
    caseId: view.caseId,
    kind: 'readmission',
    ...(context.team ? { team: context.team } : {}),
    state: view.state,
    ...(waitingOn ? { waitingOn } : {}),
    onHold: view.onHold,
    ...(full ? { holds: view.holds.map((hold) => ({ reference: hold.reference, kind: hold.kind, placedAt: hold.placedAt })) } : {}),
    reEntry: view.reEntry,
    alerts: [...(view.escalated ? ['escalated'] : []), ...(view.targetBreached ? ['target-breached'] : [])],
    ...(view.nextDeadline ? { nextDeadline: deadlineView(view.nextDeadline.rule, view.nextDeadline.at, now) } : {}),
    deadlines,
    ...(full && view.arrivedAt ? { arrivedAt: view.arrivedAt } : {}),
    ...(full && view.movement ? { movement: view.movement } : {}),
    ...(full && view.outcomeReason ? { outcomeReason: view.outcomeReason } : {}),
    timeline: timelineOf(view.timeline, visibility, context.names),
    view: visibility,
  };
}

/** An EOI case for the API: whole, or (for operations) without the people, the grant's details and the timeline's who/why. */
export function presentEoiCase(view: EoiCaseView, context: PresentationContext): EoiCaseResponse {
  const { visibility, now } = context;
  const full = visibility === 'full';
  const deadlines = nearestFirst([
    ...(view.nextDeadline ? [deadlineView(view.nextDeadline.rule, view.nextDeadline.at, now)] : []),
    ...(view.grant && view.state === 'granted' && view.nextDeadline?.rule !== 'E7' ? [deadlineView('E7', view.grant.validUntil, now)] : []),
  ]);
  const waitingOn = waitingStepOf('eoi', view.state);
  return {
    eoiId: view.eoiId,
    kind: 'eoi',
    ...(context.team ? { team: context.team } : {}),
    state: view.state,
    ...(waitingOn ? { waitingOn } : {}),
    alerts: view.escalated ? ['escalated'] : [],
    familySize: view.familySize,
    ...(view.submittedAt ? { submittedAt: view.submittedAt } : {}),
    ...(full ? { people: view.people.map((person) => ({ ...person })) } : {}),
    ...(full && view.grant ? { grant: view.grant } : {}),
    ...(view.nextDeadline ? { nextDeadline: deadlineView(view.nextDeadline.rule, view.nextDeadline.at, now) } : {}),
    deadlines,
    ...(full && view.outcomeReason ? { outcomeReason: view.outcomeReason } : {}),
    timeline: timelineOf(view.timeline, visibility, context.names),
    view: visibility,
  };
}

/** The actor ids a timeline names, to look their display names up. */
export function actorsOf(view: { timeline: readonly { by: string }[] }): string[] {
  return view.timeline.map((entry) => entry.by);
}
