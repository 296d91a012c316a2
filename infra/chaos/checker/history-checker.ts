import type { HistoryRecord } from '../history';
import { streamHistory } from '../history';
import { CaseOpeningCheck } from './case-opening.check';
import { EventDeliveryCheck } from './event-delivery.check';
import { FaultTable, type FaultTableRow } from './fault-table';
import { HistoryCompleteCheck } from './history-complete.check';
import { type CheckOptions, type InvariantCheck, type InvariantResult } from './invariant-result';
import { LedgerCheck } from './ledger.check';
import { StuckCasesCheck } from './stuck-cases.check';
import { TimelineCheck } from './timeline.check';
import { TransportCheck } from './transport.check';

/** What the checker found: the run's seed, the fault table and each invariant's violations. */
export interface CheckResult {
  runId?: string;
  seed?: string | number;
  records: number;
  faults: FaultTableRow[];
  invariants: InvariantResult[];
  /** Violations over all invariants; the run passes when it is 0. */
  violations: number;
}

/** Default number of examples kept per invariant. */
export const DEFAULT_MAX_EXAMPLES = 5;
/** Default time the final state must come after the last fault healed. */
export const DEFAULT_SETTLE_BOUND_MS = 120_000;

/** Checks a history one record at a time: each check keeps only what it needs, so memory and time grow linearly. */
export class HistoryChecker {
  private readonly checks: InvariantCheck[];
  private readonly faults = new FaultTable();
  private records = 0;
  private runId: string | undefined;
  private seed: string | number | undefined;

  constructor(options: CheckOptions = {}) {
    const examples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
    this.checks = [
      new HistoryCompleteCheck(examples),
      new CaseOpeningCheck(examples),
      new TimelineCheck(examples),
      new TransportCheck(examples),
      new LedgerCheck(examples),
      new EventDeliveryCheck(examples),
      new StuckCasesCheck(examples, options.settleBoundMs ?? DEFAULT_SETTLE_BOUND_MS),
    ];
  }

  /** Feeds the next record, in history order. */
  observe(record: HistoryRecord): void {
    this.records += 1;
    if (record.type === 'run-started') {
      this.runId = record.runId;
      this.seed = record.seed;
    }
    this.faults.observe(record);
    for (const check of this.checks) check.observe(record);
  }

  /** The verdict on everything fed so far. */
  result(): CheckResult {
    const invariants = this.checks.flatMap((check) => check.results());
    return {
      ...(this.runId !== undefined ? { runId: this.runId } : {}),
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
      records: this.records,
      faults: this.faults.result(),
      invariants,
      violations: invariants.reduce((sum, invariant) => sum + invariant.violations, 0),
    };
  }
}

/** Checks a history held in memory (or any iterable of records, in history order). */
export function checkHistory(records: Iterable<HistoryRecord>, options: CheckOptions = {}): CheckResult {
  const checker = new HistoryChecker(options);
  for (const record of records) checker.observe(record);
  return checker.result();
}

/** Checks a history file, streaming it: a HistoryFormatError names the first malformed line. */
export async function checkHistoryFile(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  const checker = new HistoryChecker(options);
  for await (const record of streamHistory(path)) checker.observe(record);
  return checker.result();
}
