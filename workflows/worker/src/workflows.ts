// Every workflow type the platform runs; the bundler starts here, so this file must stay sandbox-safe.
export { probeWorkflow, retentionSweepWorkflow } from '@oioo/workflows-platform';
export { readmissionCaseWorkflow } from '@oioo/workflows-readmission';
export { equivalenceLedgerWorkflow } from '@oioo/workflows-equivalence-ledger';
export { eoiCaseWorkflow } from '@oioo/workflows-eoi';
