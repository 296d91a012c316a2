import { describeArrivalRecordScenarios } from './arrival-records.scenarios';
import { CaseworkSteps } from './casework-steps';
import { describeCaseworkAccessScenarios } from './casework-access.scenarios';
import { describeCaseworkScenarios } from './casework.scenarios';
import { describeConsoleScenarios } from './console.scenarios';
import { describeDataProtectionScenarios } from './data-protection.scenarios';
import { useE2eContext } from './e2e-context';
import { describeLegalRouteScenarios } from './legal-route.scenarios';
import { captureLogsOfTheRun, describeLogPrivacyScenarios } from './log-privacy.scenarios';
import { describeReadmissionScenarios } from './readmission.scenarios';

// S3: every line the platform logs from its boot on, checked for its people's personal data once all cases have run.
const loggedLines = captureLogsOfTheRun();
// One platform for every end-to-end scenario: the services' consumer groups admit one platform per run.
const context = useE2eContext();
const casework = new CaseworkSteps(context);

// The legal route first: it needs a ledger no earlier readmission has given places to.
describeLegalRouteScenarios(context);
describeReadmissionScenarios(context);
describeArrivalRecordScenarios(context);
describeDataProtectionScenarios(context);
// Before the casework scenarios: the last of those ends the pilot's ledger with notice of termination.
describeConsoleScenarios(context, casework);
describeCaseworkScenarios(context, casework);
describeCaseworkAccessScenarios(context, casework);
// Last: by now every scenario's cases have gone through every service and the worker.
describeLogPrivacyScenarios(context, loggedLines);
