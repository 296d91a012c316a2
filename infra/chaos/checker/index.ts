/** The offline checker of a chaos run's history. */
export { checkHistory, checkHistoryFile, HistoryChecker, type CheckResult, DEFAULT_MAX_EXAMPLES, DEFAULT_SETTLE_BOUND_MS } from './history-checker';
export { type CheckOptions, type InvariantResult } from './invariant-result';
export { type FaultTableRow } from './fault-table';
export { formatReport, printReport } from './print-report';
