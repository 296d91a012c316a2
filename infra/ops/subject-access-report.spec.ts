import { EXEMPTION_REASONS, type SubjectAccessExport } from '@oioo/contracts';
import { renderSubjectAccessReport } from './subject-access-report';

const PERSON = 'per_01J9ZQ4X7K3M2N8P6R5T';
const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';

const document: SubjectAccessExport = {
  request: {
    id: 'sar_12',
    personId: PERSON,
    requestedBy: { actorId: 'cw_01AUDREY00000000000', name: 'Audrey Auditor', roles: ['auditor'] },
    requestedAt: '2025-10-01T10:00:00.000Z',
    completedAt: '2025-10-01T10:00:02.000Z',
    purpose: 'request DP-17',
    reference: 'DP-17',
  },
  sources: {
    identity: {
      personId: PERSON,
      known: true,
      knownSince: '2025-09-01T10:00:00.000Z',
      cases: { readmission: [CASE], eoi: [] },
      enrolments: [{ reference: 'enr_1', caseId: CASE, context: 'arrival', capturedAt: '2025-09-01T10:00:00.000Z', enrolledAt: '2025-09-01T10:00:00.000Z', templateHeld: true }],
      arrivalScreenings: [],
      arrivalRecordsLinked: [],
      irregularEntries: [],
      returnsRegister: [],
      ageAssessments: [],
      eoiApplications: [],
      presenceRequests: [],
      vacAppointments: [],
      biometricCaptures: [],
    },
    legalReview: { personId: PERSON, challenges: [], readmissionRequests: [], disclosures: [], franceReplies: [], securityChecks: [] },
    transport: { personId: PERSON, bookings: [], handovers: [], travel: [], entries: [] },
    cases: [
      {
        kind: 'readmission',
        caseId: CASE,
        workflowId: `readmission:${CASE}`,
        runs: [{ runId: 'run-1', status: 'RUNNING', startedAt: '2025-09-01T10:00:00.000Z', events: [{ eventId: '1', at: '2025-09-01T10:00:00.000Z', type: 'WorkflowExecutionSignaled', attributes: { signalName: 'arrivalScreened', input: [{ caseId: CASE, why: 'a | b' }] } }] }],
      },
    ],
  },
  exemptions: [{ source: 'identity', what: 'the biometric template of each enrolment', reason: EXEMPTION_REASONS.biometricTemplate, count: 1 }],
};

describe('the subject-access report', () => {
  it('shows the request, each source in tables, each case\'s events and the exemptions with their reasons', () => {
    const report = renderSubjectAccessReport(document, 'sar_12.json');

    expect(report).toMatch(/^# Data held on per_01J9ZQ4X7K3M2N8P6R5T\n/);
    expect(report).toContain('Subject-access request sar_12 (reference DP-17), made by Audrey Auditor (cw_01AUDREY00000000000)');
    expect(report).toContain('| reference | caseId | context | capturedAt | enrolledAt | templateHeld |');
    expect(report).toContain('### Legal challenges\n\nNothing held.');
    expect(report).toContain(`### Readmission case ${CASE} (workflow readmission:${CASE})`);
    expect(report).toContain('- 2025-09-01T10:00:00.000Z WorkflowExecutionSignaled: signalName: arrivalScreened; input: [{"caseId"');
    expect(report).toContain(`| identity | the biometric template of each enrolment | 1 | ${EXEMPTION_REASONS.biometricTemplate} |`);
  });
});
