export * from './definitions';
export * from './ledger-errors';
export * from './ledger-ids';
export type { LedgerSnapshot } from './ledger-snapshot';
export * from './equivalence-ledger.workflow';
