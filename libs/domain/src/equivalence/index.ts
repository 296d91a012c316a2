export * from './iso-week';
export * from './ledger-policy';
export * from './ledger-state';
export * from './ledger-errors';
export * from './ledger-release';
export * from './ledger-commands';
export * from './ledger-facts';
export * from './ledger-reports';
