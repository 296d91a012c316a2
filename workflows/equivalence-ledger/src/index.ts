export * from './definitions';
export * from './ledger-errors';
export type { LedgerSnapshot } from './ledger-snapshot';
export * from './equivalence-ledger.workflow';
export * from './ledger.activities';
