export * from './ledger-driver';
export * from './ledger-environment';
export * from './rejections';
