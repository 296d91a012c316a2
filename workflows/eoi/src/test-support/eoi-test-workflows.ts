// The workflows an EOI test worker runs: the EOI case and the real ledger it asks for places. Bundled into the sandbox.
export { eoiCaseWorkflow } from '../eoi-case.workflow';
export { equivalenceLedgerWorkflow } from '@oioo/workflows-equivalence-ledger';
