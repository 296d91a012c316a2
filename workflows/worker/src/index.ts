export { createPlatformWorkers, WORKFLOWS_ENTRY } from './worker';
export { createReadmissionActivities, type ReadmissionServiceClients } from './activities/readmission.activities';
export { ServiceClient } from './activities/service-client';
