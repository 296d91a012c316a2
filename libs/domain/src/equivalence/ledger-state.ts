import { type IsoWeek, isoWeekOf } from './iso-week';
import { type LedgerPolicy, weeklyCapFor } from './ledger-policy';

/**
 * `open` while the pilot runs; `reconciliation` from a notice of termination (Q5) until the notice
 * ends; `ended` after it: no place is released any more, and the final imbalance stands recorded.
 */
export type LedgerMode = 'open' | 'reconciliation' | 'ended';

/** E6: what the priority order needs of an EOI, worked out when it is held. */
export interface HeldPriority {
  /** Someone in the EOI holds a nationality the policy lists. */
  listedNationality: boolean;
  /** The EOI case found a UK link within 5 years. */
  ukLink: boolean;
}

/** How an EOI left the ledger's books. */
export type EoiClosure = 'all-admitted' | 'lapsed' | 'revoked' | 'withdrawn';

/**
 * One EOI (a person, or a family under one reference, E5) as the ledger sees it: held until places are
 * released to it (E6), then granted until each person arrives (E8) or the grant lapses or is revoked (E7, Q6).
 */
export interface LedgerEoi {
  eoiId: string;
  /** E5: a family takes as many places as it has people, and is never split. */
  people: number;
  submittedAt: string;
  /** Order of arrival at the ledger: breaks ties between EOIs submitted at the same instant. */
  sequence: number;
  heldAt: string;
  /** Kept instead of the nationalities themselves (S3: the ledger holds no more personal data than its rules need). */
  priority: HeldPriority;
  status: 'held' | 'granted' | 'closed';
  releasedAt?: string;
  releasedInWeek?: IsoWeek;
  /** People (opaque person ids) who arrived under the grant (E8). */
  admitted: string[];
  /** Places given back by a lapsed or revoked grant (Q6). */
  returned: number;
  closedBy?: EoiClosure;
  closedAt?: string;
}

/**
 * All the ledger keeps of an EOI once it is closed (every person arrived, its grant lapsed or was revoked, or
 * it was withdrawn while held): enough to refuse a second request for it, to accept a redelivered arrival
 * once (Q1, E8) and to recount the totals. The full record and its commands' records are dropped, so the
 * state a ledger carries through continue-as-new grows by a few dozen bytes per EOI, not hundreds: a pilot
 * year's EOIs in full would pass Temporal's 2 MB payload limit, and the server terminates a workflow whose
 * continue-as-new input is larger.
 */
export interface ClosedLedgerEoi {
  closedBy: EoiClosure;
  people: number;
  /** Opaque person ids who arrived under its grant. */
  admitted: string[];
  /** Places its grant gave back (Q6). */
  returned: number;
}

/** Running totals since the ledger opened. Always `released = admissions + grantsOutstanding + returned`: no place is lost. */
export interface LedgerTotals {
  /** Q1: readmissions France confirmed. */
  readmissions: number;
  /** Q1: people who arrived in the UK under a grant. */
  admissions: number;
  /** Places released (each becomes a grant outstanding, E7). */
  released: number;
  /** Places given back by lapsed or revoked grants (Q6). */
  returned: number;
  /** Places granted and neither used nor returned yet. */
  grantsOutstanding: number;
  /** EOIs waiting for places (E6), and the places they wait for. */
  eoisHeld: number;
  placesHeld: number;
}

/** The figures Q3 reports, as they stand at one moment. */
export interface LedgerFigures {
  readmissions: number;
  admissions: number;
  grantsOutstanding: number;
  eoisHeld: number;
  placesHeld: number;
  /** Admissions plus grants outstanding minus readmissions: above 0, the UK is ahead of France. */
  imbalance: number;
}

/** One ISO week's movements, and the figures as they stood at the last change within it (Q3). */
export interface WeekTally {
  readmissions: number;
  admissions: number;
  released: number;
  returned: number;
  closing: LedgerFigures;
}

/** Intake paused (Q4), by an authorised person or by the ledger itself. */
export interface LedgerPause {
  by: string;
  reason: string;
  at: string;
  automatic: boolean;
}

/** Q5: the notice of termination and, once its month is over, the final imbalance. */
export interface LedgerReconciliation {
  givenAt: string;
  recordedAt: string;
  by: string;
  reason: string;
  endsAt: string;
  imbalanceAtNotice: number;
  endedAt?: string;
  finalImbalance?: number;
}

/** A decision on the ledger (S2): who, when, why. Never edited. */
export interface LedgerDecision {
  at: string;
  what: 'paused' | 'auto-paused' | 'resumed' | 'notice-of-termination' | 'pilot-ended';
  by: string;
  why: string;
}

/** A fact the ledger did not count (a duplicate, or one about an EOI it does not hold), kept so operators can see it. */
export interface LedgerNote {
  at: string;
  what: string;
  why: string;
}

/** Places released to an EOI: the grant the EOI case now issues (E7), and what its workflow is told. */
export interface PlacesRelease {
  eoiId: string;
  places: number;
  releasedAt: string;
  isoWeek: IsoWeek;
}

/** E6: a request for places for an EOI that passed its checks. */
export interface RequestPlacesInput {
  /** A repeat of the command id returns the first result and counts nothing twice. */
  commandId: string;
  eoiId: string;
  /** E5: the number of people in the EOI (1 for a single applicant). */
  people: number;
  submittedAt: string;
  /** Nationalities of the people in the EOI (ISO 3166-1 alpha-3), for E6's priority only. */
  nationalities: string[];
  ukLinkWithin5Years: boolean;
}

/** Whether the EOI's places were released at once or it is held (E6), and how many places it takes (E5). */
export interface RequestPlacesResult {
  status: 'held' | 'released';
  places: number;
}

/** Q1, E8: a person arrived in the UK under their EOI's grant. */
export interface AdmissionRecordedInput {
  commandId: string;
  eoiId: string;
  personId: string;
  arrivedAt: string;
}

/** The EOI's count after the arrival. */
export interface AdmissionRecordedResult {
  eoiId: string;
  admitted: number;
  outstanding: number;
}

/** Q4: pause or resume, by an authorised person. */
export interface IntakeDecisionInput {
  commandId: string;
  /** Opaque id of the authorised person (`cw_...`). */
  actor: string;
  reason: string;
}

/** Whether intake is paused after the decision. */
export interface IntakeDecisionResult {
  paused: boolean;
}

/** Q5: either party gave notice of termination at `givenAt`. */
export interface NoticeOfTerminationInput {
  commandId: string;
  actor: string;
  /** When either party gave notice; absent, the moment the ledger records it. */
  givenAt?: string;
  reason: string;
}

/** When the pilot ends, and the imbalance when notice was recorded. */
export interface NoticeOfTerminationResult {
  endsAt: string;
  imbalance: number;
}

/** Results of the refusable commands, by step: what a repeated command id returns. */
export interface LedgerCommandResults {
  requestPlaces: RequestPlacesResult;
  admissionRecorded: AdmissionRecordedResult;
  pause: IntakeDecisionResult;
  resume: IntakeDecisionResult;
  noticeOfTermination: NoticeOfTerminationResult;
}

/** A refusable command on the ledger. */
export type LedgerStep = keyof LedgerCommandResults;

/** A command already carried out, by its command id, with the EOI it was about (dropped when that EOI closes). */
export type LedgerCommandRecord = { [Step in LedgerStep]: { step: Step; result: LedgerCommandResults[Step]; eoiId?: string } }[LedgerStep];

/**
 * Everything the ledger knows, as plain data: the workflow keeps one and passes it through
 * continue-as-new, and every rule is a pure function of it and the time.
 */
export interface LedgerState {
  pilotId: string;
  policy: LedgerPolicy;
  mode: LedgerMode;
  pause?: LedgerPause;
  reconciliation?: LedgerReconciliation;
  /** Q1: readmissions counted, by case id (each counts once), with France's confirmation time. */
  readmissions: Record<string, string>;
  /** EOIs held or granted; a closed EOI moves to {@link closedEois}. */
  eois: Record<string, LedgerEoi>;
  /** Closed EOIs, reduced to what the rules still need. Absent from a ledger carried from before they were kept apart. */
  closedEois?: Record<string, ClosedLedgerEoi>;
  nextSequence: number;
  totals: LedgerTotals;
  weeks: Record<IsoWeek, WeekTally>;
  commands: Record<string, LedgerCommandRecord>;
  decisions: LedgerDecision[];
  /** The most recent facts not counted, newest last (at most {@link MAX_LEDGER_NOTES}). */
  notes: LedgerNote[];
}

/** How many uncounted facts the ledger remembers; older ones are dropped. */
export const MAX_LEDGER_NOTES = 100;

/** Who the ledger names when it acts by itself (auto-pause, the end of the pilot). */
export const LEDGER_ACTOR = 'system:equivalence-ledger';

/** A new ledger for a pilot, with nothing counted yet. */
export function openLedger(pilotId: string, policy: LedgerPolicy): LedgerState {
  return {
    pilotId,
    policy,
    mode: 'open',
    readmissions: {},
    eois: {},
    closedEois: {},
    nextSequence: 1,
    totals: { readmissions: 0, admissions: 0, released: 0, returned: 0, grantsOutstanding: 0, eoisHeld: 0, placesHeld: 0 },
    weeks: {},
    commands: {},
    decisions: [],
    notes: [],
  };
}

/** Admissions plus grants outstanding minus readmissions (Q3, Q4). */
export function imbalanceOf(ledger: LedgerState): number {
  return ledger.totals.admissions + ledger.totals.grantsOutstanding - ledger.totals.readmissions;
}

/**
 * Q2, Q5: how far admissions plus grants outstanding may go. Readmissions plus the tolerance while the
 * pilot runs; from a notice of termination, only the readmissions already confirmed.
 */
export function ceilingOf(ledger: LedgerState): number {
  return ledger.totals.readmissions + (ledger.mode === 'open' ? ledger.policy.tolerance : 0);
}

/** Q2: places that could be released now as far as the balance goes (the weekly cap may allow fewer). */
export function headroomOf(ledger: LedgerState): number {
  return Math.max(0, ceilingOf(ledger) - ledger.totals.admissions - ledger.totals.grantsOutstanding);
}

/** Places an EOI still has granted and unused. */
export function outstandingOf(eoi: LedgerEoi): number {
  return eoi.status === 'granted' ? eoi.people - eoi.admitted.length - eoi.returned : 0;
}

/** The Q3 figures as they stand now. */
export function figuresOf(ledger: LedgerState): LedgerFigures {
  const { readmissions, admissions, grantsOutstanding, eoisHeld, placesHeld } = ledger.totals;
  return { readmissions, admissions, grantsOutstanding, eoisHeld, placesHeld, imbalance: imbalanceOf(ledger) };
}

/** The week's tally, opened (with no movements yet) the first time something happens in the week. */
export function weekTallyAt(ledger: LedgerState, now: Date): WeekTally {
  const week = isoWeekOf(now);
  let tally = ledger.weeks[week];
  if (!tally) {
    tally = { readmissions: 0, admissions: 0, released: 0, returned: 0, closing: figuresOf(ledger) };
    ledger.weeks[week] = tally;
  }
  return tally;
}

/** Q3: after every change, the week's closing figures become the ledger's current ones. */
export function closeWeekFigures(ledger: LedgerState, now: Date): void {
  weekTallyAt(ledger, now).closing = figuresOf(ledger);
}

/** Q2: the cap of the week holding `now`, how much of it is used, and what is left. */
export function weekCapacityAt(ledger: LedgerState, now: Date): { isoWeek: IsoWeek; cap: number; released: number; remaining: number } {
  const isoWeek = isoWeekOf(now);
  const cap = weeklyCapFor(ledger.policy, isoWeek);
  const released = ledger.weeks[isoWeek]?.released ?? 0;
  return { isoWeek, cap, released, remaining: Math.max(0, cap - released) };
}

/** Keeps a fact the ledger did not count, dropping the oldest beyond {@link MAX_LEDGER_NOTES}. */
export function noteUncountedFact(ledger: LedgerState, now: Date, what: string, why: string): void {
  ledger.notes.push({ at: now.toISOString(), what, why });
  if (ledger.notes.length > MAX_LEDGER_NOTES) ledger.notes.splice(0, ledger.notes.length - MAX_LEDGER_NOTES);
}

/** The closed record of an EOI, if it has closed. */
export function closedEoiOf(ledger: LedgerState, eoiId: string): ClosedLedgerEoi | undefined {
  return ledger.closedEois?.[eoiId];
}

/**
 * Moves a closed EOI out of the open records: keeps what {@link ClosedLedgerEoi} says and forgets the
 * records of its commands. A command repeated after that is judged as a new one against the closed record
 * (a second request for places is refused; an arrival already counted is accepted and not counted again).
 */
export function archiveClosedEoi(ledger: LedgerState, eoi: LedgerEoi): void {
  if (eoi.status !== 'closed' || !eoi.closedBy) return;
  ledger.closedEois ??= {};
  ledger.closedEois[eoi.eoiId] = { closedBy: eoi.closedBy, people: eoi.people, admitted: eoi.admitted, returned: eoi.returned };
  delete ledger.eois[eoi.eoiId];
  for (const [commandId, record] of Object.entries(ledger.commands)) {
    if (record.eoiId === eoi.eoiId) delete ledger.commands[commandId];
  }
}

/** Archives every closed EOI still among the open records (a ledger carried from before closed EOIs were kept apart). */
export function archiveClosedEois(ledger: LedgerState): void {
  ledger.closedEois ??= {};
  for (const eoi of Object.values(ledger.eois)) archiveClosedEoi(ledger, eoi);
}
