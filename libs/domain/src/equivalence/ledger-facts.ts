import { isOpaqueId } from '@oioo/contracts/workflow';
import { type LedgerEoi, type LedgerState, archiveClosedEoi, closeWeekFigures, closedEoiOf, noteUncountedFact, outstandingOf, weekTallyAt } from './ledger-state';

/*
 * Facts agencies report to the ledger. They cannot be refused (they arrive as signals): a fact the
 * ledger cannot count, a duplicate or one about an EOI it does not hold, is noted and changes nothing.
 */

/** Q1: France confirmed the handover of a readmitted person. */
export interface ReadmissionConfirmedInput {
  caseId: string;
  /** When France confirmed the handover (R9). */
  confirmedAt: string;
}

/** Q6, E7: a grant ended unused, wholly or in part. */
export interface GrantEndedInput {
  eoiId: string;
  /** Why (for a revocation); a lapse is always its 3 months running out. */
  reason?: string;
}

/** E6: an EOI no longer waits for places (withdrawn, or found invalid while held). */
export interface RequestWithdrawnInput {
  eoiId: string;
  reason: string;
}

/** Whether a fact was counted, and what the ledger made of it. */
export interface FactOutcome {
  counted: boolean;
  why: string;
}

function ignored(ledger: LedgerState, now: Date, what: string, why: string): FactOutcome {
  noteUncountedFact(ledger, now, what, why);
  return { counted: false, why };
}

/**
 * Q1: a readmission counts when France confirms the handover, once per case however often it is
 * reported. It counts in the ISO week the ledger learns of it, so a week's report never changes after the
 * week is over; France's confirmation time is kept with it.
 */
export function readmissionConfirmed(ledger: LedgerState, input: ReadmissionConfirmedInput, now: Date): FactOutcome {
  const caseId = typeof input?.caseId === 'string' ? input.caseId : '';
  if (!isOpaqueId(caseId) || !caseId.startsWith('case_') || Number.isNaN(new Date(input.confirmedAt).getTime())) {
    return ignored(ledger, now, 'readmission-ignored', 'a readmission needs an opaque case id and the time France confirmed the handover');
  }
  if (ledger.readmissions[caseId] !== undefined) {
    return ignored(ledger, now, 'readmission-duplicate', `Q1: the readmission of ${caseId} was already counted`);
  }
  ledger.readmissions[caseId] = new Date(input.confirmedAt).toISOString();
  ledger.totals.readmissions += 1;
  weekTallyAt(ledger, now).readmissions += 1;
  closeWeekFigures(ledger, now);
  return { counted: true, why: `Q1: France confirmed the handover of ${caseId}` };
}

/** Why a fact about an EOI that is not open changes nothing: the ledger never held it, or it has closed. */
function noOpenEoi(ledger: LedgerState, eoiId: unknown): string {
  const closed = typeof eoiId === 'string' ? closedEoiOf(ledger, eoiId) : undefined;
  return closed ? `${String(eoiId)} has no grant outstanding (closed, ${closed.closedBy})` : `the ledger holds no EOI ${String(eoiId)}`;
}

function grantEnded(ledger: LedgerState, input: GrantEndedInput, now: Date, how: 'lapsed' | 'revoked'): FactOutcome {
  const eoi: LedgerEoi | undefined = typeof input?.eoiId === 'string' ? ledger.eois[input.eoiId] : undefined;
  if (!eoi) return ignored(ledger, now, `grant-${how}-ignored`, noOpenEoi(ledger, input?.eoiId));
  const unused = outstandingOf(eoi);
  if (eoi.status !== 'granted' || unused === 0) {
    return ignored(ledger, now, `grant-${how}-ignored`, `${eoi.eoiId} has no grant outstanding (${eoi.status}${eoi.closedBy ? `, ${eoi.closedBy}` : ''})`);
  }
  // Q6: the unused places go back; admissions already counted stay counted.
  eoi.returned += unused;
  eoi.status = 'closed';
  eoi.closedBy = how;
  eoi.closedAt = now.toISOString();
  ledger.totals.returned += unused;
  ledger.totals.grantsOutstanding -= unused;
  weekTallyAt(ledger, now).returned += unused;
  closeWeekFigures(ledger, now);
  archiveClosedEoi(ledger, eoi);
  return { counted: true, why: `Q6: the grant of ${eoi.eoiId} ${how}${input.reason ? ` (${input.reason})` : ''}; ${unused} unused places return to the ledger` };
}

/** Q6, E7: a grant unused after its 3 months lapses, and its unused places return to the ledger. */
export function grantLapsed(ledger: LedgerState, input: GrantEndedInput, now: Date): FactOutcome {
  return grantEnded(ledger, input, now, 'lapsed');
}

/** Q6: a revoked grant returns its unused places to the ledger. */
export function grantRevoked(ledger: LedgerState, input: GrantEndedInput, now: Date): FactOutcome {
  return grantEnded(ledger, input, now, 'revoked');
}

/** E6: an EOI held for places is withdrawn; it no longer waits (and no longer holds up those behind it). */
export function requestWithdrawn(ledger: LedgerState, input: RequestWithdrawnInput, now: Date): FactOutcome {
  const eoi: LedgerEoi | undefined = typeof input?.eoiId === 'string' ? ledger.eois[input.eoiId] : undefined;
  if (!eoi || eoi.status !== 'held') {
    return ignored(ledger, now, 'withdrawal-ignored', `${String(input?.eoiId)} is not held for places (a granted EOI ends by lapse or revocation)`);
  }
  eoi.status = 'closed';
  eoi.closedBy = 'withdrawn';
  eoi.closedAt = now.toISOString();
  ledger.totals.eoisHeld -= 1;
  ledger.totals.placesHeld -= eoi.people;
  closeWeekFigures(ledger, now);
  archiveClosedEoi(ledger, eoi);
  return { counted: true, why: `E6: ${eoi.eoiId} withdrawn while held (${input.reason})` };
}
