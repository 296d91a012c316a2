export { createPlatformWorkers, WORKFLOWS_ENTRY } from './worker';
export { createReadmissionActivities, type ReadmissionServiceClients } from './activities/readmission.activities';
export { createEoiActivities, type EoiActivityDependencies } from './activities/eoi.activities';
export { createLedgerActivities, weeklyReportEventId, type LedgerActivityDependencies } from './activities/ledger.activities';
export { ServiceClient } from './activities/service-client';
export { ensureLedger, type EnsureLedgerOutcome } from './ledger/ensure-ledger';
export { LEDGER_NOT_RUNNING } from './ledger/ledger-update';
export type { LedgerClient, LedgerStartOptions, LedgerWorkflowHandle } from './ledger/ledger-client';
export { loadWorkerConfig, type LedgerPolicyOverrides, type LedgerSettings, type WorkerConfig } from './worker-config';
