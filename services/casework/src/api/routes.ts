import type { UpdateDefinition } from '@temporalio/common';
import type { Role } from '@oioo/auth';
import { noticeOfTerminationUpdate, pauseUpdate, resumeUpdate } from '@oioo/workflows-equivalence-ledger';
import { proposeDecisionUpdate, reviewDecisionUpdate, revokeGrantUpdate, withdrawEoiUpdate } from '@oioo/workflows-eoi';
import {
  decideSelectionUpdate,
  proposeInadmissibilityUpdate,
  proposeRemovalDirectionsUpdate,
  recordAgeAssessmentUpdate,
  recordDetentionUpdate,
  recordScreeningUpdate,
  reviewInadmissibilityUpdate,
  reviewRemovalDirectionsUpdate,
  submitCorrectedRequestUpdate,
} from '@oioo/workflows-readmission';
import type { ApiRoute } from './api-route';
import { auditChainQuery, caseReadQuery, consultationQuery, ledgerReadQuery, noQuery, operationsQuery, queueQuery } from './query-schemas';
import {
  auditChainPageSchema,
  caseworkStepBodies as bodies,
  consultationPageSchema,
  eoiCaseSchema,
  ledgerBalanceSchema,
  meSchema,
  operationPageSchema,
  operationRecordBody,
  operationRecordedSchema,
  queuePageSchema,
  readmissionCaseSchema,
  stepResultSchema,
  subjectAccessExportSchema,
  subjectAccessRequestBody,
  weeklyReportSchema,
} from '@oioo/contracts';

/** A human step: a route whose parsed body, with `commandId` and the caller as `actor`, is the input of a workflow Update. */
export interface StepRoute extends ApiRoute {
  step: true;
  body: NonNullable<ApiRoute['body']>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each step's Update has its own input type; the body schema is what types it
  update: UpdateDefinition<any, [any]>;
}

const CASEWORKERS: Role[] = ['caseworker', 'senior-caseworker'];
const SENIOR: Role[] = ['senior-caseworker'];
const CASE_READERS: Role[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'sre', 'auditor'];

function step(route: Omit<StepRoute, 'method' | 'step' | 'query' | 'response'>): StepRoute {
  return { method: 'POST', step: true, query: noQuery, response: stepResultSchema, ...route };
}

const readmission = (path: string) => `/api/v1/readmission-cases/{caseId}/${path}`;
const eoi = (path: string) => `/api/v1/eoi-cases/{eoiId}/${path}`;

/** Every human step of both routes and the ledger. */
export const STEP_ROUTES: readonly StepRoute[] = [
  step({ operationId: 'recordScreening', path: readmission('screening'), summary: 'Record the screening of age and vulnerability', rules: ['R2'], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.screeningBody, update: recordScreeningUpdate }),
  step({ operationId: 'recordAgeAssessment', path: readmission('age-assessment'), summary: 'Record the age assessment that resolves a dispute', rules: ['R2'], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.ageAssessmentBody, update: recordAgeAssessmentUpdate }),
  step({ operationId: 'decideSelection', path: readmission('selection'), summary: 'Select the case for the pilot, or not', rules: ['R1'], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.selectionBody, update: decideSelectionUpdate }),
  step({ operationId: 'recordDetention', path: readmission('detention'), summary: 'Record detention under the pilot', rules: [], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.detentionBody, update: recordDetentionUpdate }),
  step({ operationId: 'proposeInadmissibility', path: readmission('inadmissibility-proposal'), summary: 'Propose the inadmissibility decision (first of four eyes)', rules: ['S1', 'S2'], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.inadmissibilityProposalBody, update: proposeInadmissibilityUpdate }),
  step({ operationId: 'reviewInadmissibility', path: readmission('inadmissibility-review'), summary: 'Approve or send back the inadmissibility proposal (second of four eyes)', rules: ['S1', 'S2'], tag: 'Readmission cases', roles: SENIOR, target: 'readmission', body: bodies.reviewBody, update: reviewInadmissibilityUpdate }),
  step({ operationId: 'submitCorrectedRequest', path: readmission('corrected-request'), summary: 'Send France a corrected request after a refusal, within R3', rules: ['R10', 'R3'], tag: 'Readmission cases', roles: ['liaison-officer'], target: 'readmission', body: bodies.correctedRequestBody, update: submitCorrectedRequestUpdate }),
  step({ operationId: 'proposeRemovalDirections', path: readmission('removal-directions-proposal'), summary: 'Propose removal directions (first of four eyes)', rules: ['S1', 'R8'], tag: 'Readmission cases', roles: CASEWORKERS, target: 'readmission', body: bodies.removalDirectionsProposalBody, update: proposeRemovalDirectionsUpdate }),
  step({ operationId: 'reviewRemovalDirections', path: readmission('removal-directions-review'), summary: 'Approve (and serve) or send back removal directions (second of four eyes)', rules: ['S1', 'R8'], tag: 'Readmission cases', roles: SENIOR, target: 'readmission', body: bodies.reviewBody, update: reviewRemovalDirectionsUpdate }),
  step({ operationId: 'withdrawEoi', path: eoi('withdrawal'), summary: 'Withdraw the EOI before a grant', rules: ['E6'], tag: 'EOI cases', roles: CASEWORKERS, target: 'eoi', body: bodies.withdrawalBody, update: withdrawEoiUpdate }),
  step({ operationId: 'proposeDecision', path: eoi('decision-proposal'), summary: 'Propose the decision on the EOI (first of four eyes)', rules: ['S1', 'E7'], tag: 'EOI cases', roles: CASEWORKERS, target: 'eoi', body: bodies.decisionProposalBody, update: proposeDecisionUpdate }),
  step({ operationId: 'reviewDecision', path: eoi('decision-review'), summary: 'Approve or send back the decision (second of four eyes)', rules: ['S1', 'E7'], tag: 'EOI cases', roles: SENIOR, target: 'eoi', body: bodies.reviewBody, update: reviewDecisionUpdate }),
  step({ operationId: 'revokeGrant', path: eoi('grant-revocation'), summary: 'Revoke a grant before it is used; its places return to the ledger', rules: ['Q6'], tag: 'EOI cases', roles: SENIOR, target: 'eoi', body: bodies.revocationBody, update: revokeGrantUpdate }),
  step({ operationId: 'pauseIntake', path: '/api/v1/ledger/intake-pause', summary: 'Pause intake: no place is released until it resumes', rules: ['Q4'], tag: 'Ledger', roles: ['ledger-officer'], target: 'ledger', body: bodies.ledgerDecisionBody, update: pauseUpdate }),
  step({ operationId: 'resumeIntake', path: '/api/v1/ledger/intake-resume', summary: 'Resume intake', rules: ['Q4'], tag: 'Ledger', roles: ['ledger-officer'], target: 'ledger', body: bodies.ledgerDecisionBody, update: resumeUpdate }),
  step({
    operationId: 'giveNoticeOfTermination',
    path: '/api/v1/ledger/notice-of-termination',
    summary: 'Record notice of termination: the ledger switches to reconciliation',
    rules: ['Q5'],
    tag: 'Ledger',
    roles: ['ledger-officer'],
    target: 'ledger',
    body: bodies.noticeBody,
    update: noticeOfTerminationUpdate,
  }),
];

/** The reads. */
export const READ_ROUTES: readonly ApiRoute[] = [
  { operationId: 'getMe', method: 'GET', path: '/api/v1/me', summary: 'Who the API takes the caller to be', rules: [], tag: 'Session', roles: ['caseworker', 'senior-caseworker', 'liaison-officer', 'ledger-officer', 'sre', 'auditor'], target: 'none', query: noQuery, response: meSchema, step: false },
  { operationId: 'listWorkQueue', method: 'GET', path: '/api/v1/work-queue', summary: 'Cases waiting on a person, nearest deadline first, with counts per step', rules: ['S3'], tag: 'Work queues', roles: CASE_READERS, target: 'none', query: queueQuery, response: queuePageSchema, step: false },
  { operationId: 'getReadmissionCase', method: 'GET', path: '/api/v1/readmission-cases/{caseId}', summary: 'A readmission case: state, deadlines, holds, alerts and timeline', rules: ['S2', 'S3'], tag: 'Readmission cases', roles: CASE_READERS, target: 'readmission', query: caseReadQuery, response: readmissionCaseSchema, step: false },
  { operationId: 'getEoiCase', method: 'GET', path: '/api/v1/eoi-cases/{eoiId}', summary: 'An EOI case: state, people, deadlines and timeline', rules: ['S2', 'S3'], tag: 'EOI cases', roles: ['caseworker', 'senior-caseworker', 'sre', 'auditor'], target: 'eoi', query: caseReadQuery, response: eoiCaseSchema, step: false },
  { operationId: 'getLedgerBalance', method: 'GET', path: '/api/v1/ledger/balance', summary: 'The live balance of readmissions and admissions', rules: ['Q3'], tag: 'Ledger', roles: ['ledger-officer', 'senior-caseworker', 'sre', 'auditor'], target: 'ledger', query: ledgerReadQuery, response: ledgerBalanceSchema, step: false },
  { operationId: 'getWeeklyReport', method: 'GET', path: '/api/v1/ledger/weekly-reports/{isoWeek}', summary: "One ISO week's report for the joint committee", rules: ['Q3'], tag: 'Ledger', roles: ['ledger-officer', 'senior-caseworker', 'sre', 'auditor'], target: 'ledger', query: ledgerReadQuery, response: weeklyReportSchema, step: false },
  { operationId: 'listConsultations', method: 'GET', path: '/api/v1/consultations', summary: 'The consultation log: who read which case\'s personal data, when and why', rules: ['S3'], tag: 'Audit', roles: ['auditor'], target: 'none', query: consultationQuery, response: consultationPageSchema, step: false },
];

/** The operations log: `npm run ops` records every action an SRE takes; auditors and SREs read it back. */
export const OPERATIONS_ROUTES: readonly ApiRoute[] = [
  { operationId: 'recordOperation', method: 'POST', path: '/api/v1/operations', summary: 'Record an action of the operations command: the verified caller, the server\'s time, what, why and how it ended', rules: [], tag: 'Operations', roles: ['sre'], target: 'none', query: noQuery, body: operationRecordBody, response: operationRecordedSchema, step: false },
  { operationId: 'listOperations', method: 'GET', path: '/api/v1/operations', summary: 'The operations log, newest first: who re-drove, signalled, cancelled or replayed what, when and why', rules: [], tag: 'Operations', roles: ['sre', 'auditor'], target: 'none', query: operationsQuery, response: operationPageSchema, step: false },
];

/** S2, S3: the hash-chained audit streams, read in chain order so `npm run ops -- audit verify` can re-compute them. */
export const AUDIT_ROUTES: readonly ApiRoute[] = [
  { operationId: 'readAuditChain', method: 'GET', path: '/api/v1/audit/{stream}', summary: 'One audit stream (consultations, operations, decisions, prunings) in chain order, with its head, to verify the hash chain', rules: ['S2', 'S3'], tag: 'Audit', roles: ['sre', 'auditor'], target: 'none', query: auditChainQuery, response: auditChainPageSchema, step: false },
];

/**
 * Right of access: a person's data on request, gathered from every service and the person's case histories
 * (decoded), with exemptions applied. Auditors only: the data-protection function answers these requests,
 * and an SRE sees no personal data anywhere else, so the export is not theirs to take (S3: recorded in the
 * consultation log, with who asked and how it ended).
 */
export const SUBJECT_ACCESS_ROUTES: readonly ApiRoute[] = [
  {
    operationId: 'requestSubjectAccess',
    method: 'POST',
    path: '/api/v1/subject-access-requests',
    summary: 'A person\'s data on request (right of access): everything held on one person across identity, legal-review, transport and their cases\' decoded histories, with the exemptions applied and why',
    rules: ['S3'],
    tag: 'Audit',
    roles: ['auditor'],
    target: 'none',
    query: noQuery,
    body: subjectAccessRequestBody,
    response: subjectAccessExportSchema,
    step: false,
  },
];

/** Every route of the casework API under /api/v1. */
export const API_ROUTES: readonly ApiRoute[] = [...READ_ROUTES, ...STEP_ROUTES, ...OPERATIONS_ROUTES, ...AUDIT_ROUTES, ...SUBJECT_ACCESS_ROUTES];
