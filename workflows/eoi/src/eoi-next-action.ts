import { type EoiSnapshot, type LedgerNotice, type PendingAdmission, isClosed, nextDeadlineOf } from './eoi-state';

/** The next thing an EOI case does, worked out from its snapshot alone. */
export type EoiAction =
  | { kind: 'request-presence' }
  | { kind: 'request-places' }
  | { kind: 'book-appointment' }
  | { kind: 'check-registers'; personId: string; enrolmentReference: string }
  | { kind: 'request-security-checks' }
  | { kind: 'book-travel' }
  | { kind: 'record-admission'; admission: PendingAdmission }
  | { kind: 'notify-ledger'; notice: LedgerNotice }
  | { kind: 'wait'; until?: Date }
  | { kind: 'finish' };

/**
 * What the case does next. Debts to the ledger come first, whatever the state: an arrival it has not
 * counted (Q1), then places to give back (Q6), so a case never ends owing the ledger anything.
 */
export function nextAction(snapshot: EoiSnapshot, _now: Date): EoiAction {
  const admission = snapshot.admissionsOutbox[0];
  if (admission) return { kind: 'record-admission', admission };
  const notice = snapshot.ledgerOutbox[0];
  if (notice) return { kind: 'notify-ledger', notice };
  if (isClosed(snapshot)) return { kind: 'finish' };
  switch (snapshot.state) {
    case 'awaiting-presence':
      if (!snapshot.presence && snapshot.people.some((person) => person.adult)) return { kind: 'request-presence' };
      break;
    case 'held':
      if (!snapshot.places) return { kind: 'request-places' };
      break;
    case 'invited': {
      if (!snapshot.appointment) return { kind: 'book-appointment' };
      if (snapshot.people.every((person) => person.enrolmentReference)) {
        const unchecked = snapshot.people.find((person) => !person.registerCheck);
        if (unchecked) return { kind: 'check-registers', personId: unchecked.personId, enrolmentReference: unchecked.enrolmentReference as string };
        return { kind: 'request-security-checks' };
      }
      break;
    }
    case 'granted':
      if (snapshot.grant && !snapshot.grant.travelReference) return { kind: 'book-travel' };
      break;
    default:
      break;
  }
  const deadline = nextDeadlineOf(snapshot);
  return deadline ? { kind: 'wait', until: new Date(deadline.at) } : { kind: 'wait' };
}
