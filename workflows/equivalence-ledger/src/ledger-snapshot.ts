import {
  type IsoWeek,
  type LedgerPolicy,
  type LedgerState,
  type PlacesRelease,
  type WeeklyReport,
  LedgerErrorCode,
  balanceOf,
  isIsoWeek,
  isoWeekOf,
  ledgerPolicyOf,
  ledgerPolicyProblems,
  openLedger,
  releasePlaces,
  weeklyReport,
} from '@oioo/domain';
import type { EquivalenceLedgerResult, LedgerBalanceView, PlacesReleasedSignalInput, UndeliveredRelease } from './definitions';
import { reject } from './ledger-errors';
import { ledgerWorkflowId } from '@oioo/contracts/workflow';

/**
 * Everything the ledger workflow keeps, as plain data: the ledger itself (its rules are pure functions
 * in @oioo/domain) and the notifications of released places still to send. Continue-as-new carries it whole.
 */
export interface LedgerSnapshot {
  ledger: LedgerState;
  /** Releases whose EOI workflow has not been told yet, oldest first. */
  outbox: PlacesReleasedSignalInput[];
  delivered: number;
  /** Releases whose EOI workflow could not be reached (not fatal: the places stay released and counted). */
  undelivered: UndeliveredRelease[];
  /** Real time the ledger opened: the origin of a compressed pilot clock. */
  clockOrigin: string;
  /** Q3: the ISO week (pilot clock) the ledger opened in, its first week to report. */
  openedInWeek: IsoWeek;
  /** Q3: the last week whose report was published. */
  reportedThrough?: IsoWeek;
  /**
   * The ledger's rule clock (see ledgerRuleNow): the latest wake (pilot clock) its own timer has seen fire.
   * Absent on ledgers begun before the rule clock, until their next run.
   */
  wakesSeenUntil?: string;
  /** Characters of JSON the last continue-as-new carried: the state grows with the pilot, and Temporal refuses a payload over 2 MB. */
  carriedStateBytes?: number;
}

/** Past this much carried state the ledger raises `large-state`: half Temporal's 2 MB payload limit, months ahead of it at the pilot's pace. */
export const LARGE_STATE_ALERT_BYTES = 1_000_000;

/** Records how much state the coming continue-as-new carries (JSON, as the payload converter writes it). */
export function measureCarriedState(snapshot: LedgerSnapshot): void {
  snapshot.carriedStateBytes = JSON.stringify(snapshot).length;
}

/** A new ledger for a pilot, refusing a malformed pilot id or policy (the workflow fails at once, not on every retry). */
export function openSnapshot(pilotId: string, overrides: Partial<LedgerPolicy> = {}, openedAt: Date = new Date()): LedgerSnapshot {
  try {
    ledgerWorkflowId(pilotId);
  } catch (error) {
    reject(LedgerErrorCode.InvalidInput, `pilotId: ${(error as Error).message}`);
  }
  const policy = ledgerPolicyOf(overrides);
  const problems = ledgerPolicyProblems(policy);
  if (problems.length > 0) reject(LedgerErrorCode.InvalidInput, `policy: ${problems.join('; ')}`);
  // The pilot clock starts at the real opening time, so the first week is the real one whatever the compression.
  return { ledger: openLedger(pilotId, policy), outbox: [], delivered: 0, undelivered: [], clockOrigin: openedAt.toISOString(), openedInWeek: isoWeekOf(openedAt) };
}

/** Queues the releases for their EOI workflows. */
export function queueReleases(snapshot: LedgerSnapshot, releases: readonly PlacesRelease[]): void {
  for (const release of releases) snapshot.outbox.push({ pilotId: snapshot.ledger.pilotId, ...release });
}

/** Attempts a release (after every change, at each ISO week boundary and at the end of a notice) and queues what it released. */
export function settle(snapshot: LedgerSnapshot, now: Date): void {
  queueReleases(snapshot, releasePlaces(snapshot.ledger, now));
}

/** The EOI workflow was told: the notice leaves the outbox. */
export function releaseDelivered(snapshot: LedgerSnapshot, notice: PlacesReleasedSignalInput): void {
  snapshot.outbox = snapshot.outbox.filter((queued) => queued !== notice);
  snapshot.delivered += 1;
}

/** The EOI workflow could not be reached: the notice leaves the outbox and is kept, with why, for operators. */
export function releaseUndelivered(snapshot: LedgerSnapshot, notice: PlacesReleasedSignalInput, now: Date, reason: string): void {
  snapshot.outbox = snapshot.outbox.filter((queued) => queued !== notice);
  snapshot.undelivered.push({ ...notice, failedAt: now.toISOString(), reason });
}

/** Q5: the ledger's work is done once the pilot has ended, no grant is outstanding and every release was notified. */
export function isFinished(snapshot: LedgerSnapshot): boolean {
  return snapshot.ledger.mode === 'ended' && snapshot.ledger.totals.grantsOutstanding === 0 && snapshot.outbox.length === 0;
}

/** Q3: the live balance with the notifications' state. */
export function balanceViewOf(snapshot: LedgerSnapshot, now: Date): LedgerBalanceView {
  return {
    ...balanceOf(snapshot.ledger, now),
    notifications: { pending: snapshot.outbox.length, delivered: snapshot.delivered, undelivered: snapshot.undelivered },
    firstWeek: snapshot.openedInWeek,
    ...(snapshot.carriedStateBytes === undefined ? {} : { carriedStateBytes: snapshot.carriedStateBytes }),
  };
}

/** Q3: a week's report; a malformed week is refused. */
export function reportOf(snapshot: LedgerSnapshot, isoWeek: IsoWeek, now: Date): WeeklyReport {
  if (!isIsoWeek(isoWeek)) reject(LedgerErrorCode.InvalidInput, `isoWeek must be an ISO-8601 week such as 2026-W10; got ${String(isoWeek)}`);
  return weeklyReport(snapshot.ledger, isoWeek, now);
}

/** What the ledger shows in search attributes (S3: no personal data, only its state, alerts and the Q5 deadline). */
export interface LedgerSearchView {
  state: 'open' | 'paused' | 'reconciliation' | 'reconciliation-paused' | 'ended';
  alerts: string[];
  deadline?: { rule: 'Q5'; at: string };
}

/** The search view of the ledger. */
export function searchViewOf(snapshot: LedgerSnapshot): LedgerSearchView {
  const { ledger } = snapshot;
  const paused = ledger.pause !== undefined;
  const state = ledger.mode === 'ended' ? 'ended' : ledger.mode === 'reconciliation' ? (paused ? 'reconciliation-paused' : 'reconciliation') : paused ? 'paused' : 'open';
  const alerts = [
    ...(ledger.pause?.automatic ? ['auto-paused'] : []),
    ...(snapshot.undelivered.length > 0 ? ['undelivered-releases'] : []),
    ...((snapshot.carriedStateBytes ?? 0) > LARGE_STATE_ALERT_BYTES ? ['large-state'] : []),
  ];
  const endsAt = ledger.mode === 'reconciliation' ? ledger.reconciliation?.endsAt : undefined;
  return { state, alerts, ...(endsAt ? { deadline: { rule: 'Q5' as const, at: endsAt } } : {}) };
}

/** The workflow's result once its work is done. */
export function resultOf(snapshot: LedgerSnapshot, now: Date): EquivalenceLedgerResult {
  return { pilotId: snapshot.ledger.pilotId, finalBalance: balanceOf(snapshot.ledger, now) };
}
