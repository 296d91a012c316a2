import { DAY_MS, HOUR_MS } from '../../time';
import { LedgerRefusalError } from '../ledger-errors';
import { readmissionConfirmed } from '../ledger-facts';
import { type LedgerPolicy, ledgerPolicyOf } from '../ledger-policy';
import { type LedgerState, type RequestPlacesInput, openLedger } from '../ledger-state';

/** A pilot id, and two different authorised people. */
export const PILOT_ID = 'pilot_UKFR00000001';
export const SUPERVISOR = 'cw_SUPERVISOR01';
export const OTHER_SUPERVISOR = 'cw_SUPERVISOR02';

/** Monday 2 March 2026, 09:00 UTC: in ISO week 2026-W10. */
export const MONDAY = new Date('2026-03-02T09:00:00Z');

/** An instant some days and hours after another. */
export function later(from: Date, days: number, hours = 0): Date {
  return new Date(from.getTime() + days * DAY_MS + hours * HOUR_MS);
}

/** A new ledger with the default policy and the given overrides. */
export function newLedger(policy: Partial<LedgerPolicy> = {}): LedgerState {
  return openLedger(PILOT_ID, ledgerPolicyOf(policy));
}

/** Opaque ids for the n-th case, EOI and person. */
export const caseIdOf = (n: number) => `case_RDM${String(n).padStart(8, '0')}`;
export const eoiIdOf = (n: number) => `eoi_EOI${String(n).padStart(8, '0')}`;
export const personIdOf = (eoi: number, person: number) => `per_P${String(eoi).padStart(8, '0')}X${person}`;

/** France confirms `count` more handovers (Q1), each of a new case. */
export function confirmReadmissions(ledger: LedgerState, count: number, now: Date): void {
  const first = Object.keys(ledger.readmissions).length + 1;
  for (let index = 0; index < count; index += 1) {
    readmissionConfirmed(ledger, { caseId: caseIdOf(first + index), confirmedAt: now.toISOString() }, now);
  }
}

/** A request for places for the n-th EOI, submitted at `submittedAt`. */
export function requestFor(n: number, people: number, submittedAt: Date, overrides: Partial<RequestPlacesInput> = {}): RequestPlacesInput {
  return {
    commandId: `request-${n}`,
    eoiId: eoiIdOf(n),
    people,
    submittedAt: submittedAt.toISOString(),
    nationalities: ['SYR'],
    ukLinkWithin5Years: false,
    ...overrides,
  };
}

/** The code of the refusal a command throws; fails the test when it is accepted. */
export function refusalCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerRefusalError) return error.code;
    throw error;
  }
  throw new Error('the command was accepted');
}
