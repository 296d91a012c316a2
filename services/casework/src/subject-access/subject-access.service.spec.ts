import { join } from 'node:path';
import { HttpStatus } from '@nestjs/common';
import { type PersonCaller, ProblemError } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type IdentitySubjectAccess, type LegalReviewSubjectAccess, type TransportSubjectAccess, EXEMPTION_REASONS, subjectAccessExportSchema } from '@oioo/contracts';
import { type Database, loadMigrations, openPgliteDatabase, runMigrations } from '@oioo/database';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { type CaseHistories, type CaseHistory, type PersonCase } from './case-histories';
import { type SubjectAccessSources } from './service-sources';
import { SubjectAccessService } from './subject-access.service';
import { WITHHELD } from './exemptions';

const audrey: PersonCaller = { kind: 'person', subject: 'cw_01AUDREY00000000000', actorId: 'cw_01AUDREY00000000000', name: 'Audrey Auditor', roles: ['auditor'] };
const PERSON = 'per_01J9ZQ4X7K3M2N8P6R5T';
const PARTNER = 'per_01J9ZQ4X7K3M2N8PARTNER';
const FIRST = 'case_01J9ZQ4X7K3M2N8FIRST00';
const SECOND = 'case_01J9ZQ4X7K3M2N8SECOND0';
const OFFICER = 'cw_01ALICE0000000000000';

function identityOf(personId: string): IdentitySubjectAccess {
  return {
    personId,
    known: true,
    knownSince: '2025-09-01T10:00:00.000Z',
    cases: { readmission: [FIRST, SECOND], eoi: [] },
    enrolments: [],
    arrivalScreenings: [],
    arrivalRecordsLinked: [],
    irregularEntries: [{ caseId: FIRST, enrolmentReference: 'enr_1', route: 'claimed-protection', arrivedAt: '2025-09-01T10:00:00.000Z', recordedAt: '2025-09-01T10:00:00.000Z' }],
    returnsRegister: [],
    ageAssessments: [],
    eoiApplications: [],
    presenceRequests: [],
    vacAppointments: [],
    biometricCaptures: [],
    withheld: [{ what: 'the biometric template of each enrolment', reason: EXEMPTION_REASONS.biometricTemplate, count: 2 }],
  };
}

/** Our own interfaces, faked: what each service answers, and each case's history. */
class FakeSources implements SubjectAccessSources {
  slow?: 'identity' | 'legal-review' | 'transport';
  asked: { legalReview?: unknown } = {};

  async identity(personId: string, signal: AbortSignal): Promise<IdentitySubjectAccess> {
    await this.maybeHang('identity', signal);
    return identityOf(personId);
  }

  async legalReview(personId: string, cases: { readmissionCaseIds: string[]; eoiIds: string[] }, signal: AbortSignal): Promise<LegalReviewSubjectAccess> {
    this.asked.legalReview = cases;
    await this.maybeHang('legal-review', signal);
    return { personId, challenges: [], readmissionRequests: [], disclosures: [], franceReplies: [], securityChecks: [], withheld: [] };
  }

  async transport(personId: string, _cases: unknown, signal: AbortSignal): Promise<TransportSubjectAccess> {
    await this.maybeHang('transport', signal);
    return { personId, bookings: [], handovers: [], travel: [], entries: [], withheld: [] };
  }

  private async maybeHang(source: string, signal: AbortSignal): Promise<void> {
    if (this.slow !== source) return;
    await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  }
}

class FakeHistories implements CaseHistories {
  async read(found: PersonCase): Promise<CaseHistory> {
    return {
      kind: found.kind,
      caseId: found.id,
      workflowId: `readmission:${found.id}`,
      runs: [
        {
          runId: 'run-1',
          status: 'RUNNING',
          events: [
            { eventId: '1', at: '2025-09-01T10:00:00.000Z', type: 'WorkflowExecutionStarted', attributes: { input: [{ caseId: found.id, personId: PERSON }] } },
            { eventId: '5', at: '2025-09-02T10:00:00.000Z', type: 'WorkflowExecutionUpdateAccepted', attributes: { input: [{ actor: OFFICER, reason: `proposed by ${OFFICER}; co-traveller ${PARTNER}` }] } },
          ],
        },
      ],
    };
  }
}

let db: Database;
let sources: FakeSources;
let consultations: ConsultationLog;

function service(config: { sourceTimeoutMs?: number; deadlineMs?: number; configured?: boolean } = {}) {
  return new SubjectAccessService(
    { missing: config.configured === false ? ['IDENTITY_URL'] : [], sourceTimeoutMs: config.sourceTimeoutMs ?? 5_000, deadlineMs: config.deadlineMs ?? 10_000 },
    config.configured === false ? null : sources,
    new FakeHistories(),
    consultations,
  );
}

beforeAll(async () => {
  db = await openPgliteDatabase({ schema: 'casework' });
});

beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS casework CASCADE');
  await runMigrations(db, { schema: 'casework', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: createLogger('test', {}, () => undefined) });
  consultations = new ConsultationLog(db);
  sources = new FakeSources();
});

afterAll(async () => {
  await db.close();
});

describe('a subject-access request', () => {
  it('S3: gathers every source and both cases\' histories, applies the exemptions, and records the request, each case and the outcome', async () => {
    const answer = subjectAccessExportSchema.parse(await service().export(audrey, { personId: PERSON, purpose: 'subject access request DP-2025-17', reference: 'DP-2025-17' }));

    expect(answer.request).toMatchObject({ id: expect.stringMatching(/^sar_\d+$/), personId: PERSON, requestedBy: { actorId: audrey.actorId, name: 'Audrey Auditor', roles: ['auditor'] }, purpose: 'subject access request DP-2025-17', reference: 'DP-2025-17' });
    expect(sources.asked.legalReview).toEqual({ readmissionCaseIds: [FIRST, SECOND], eoiIds: [] });
    expect(answer.sources.identity.irregularEntries).toHaveLength(1);
    expect(answer.sources.cases.map((found) => found.caseId)).toEqual([FIRST, SECOND]);
    const update = answer.sources.cases[0]?.runs[0]?.events[1]?.attributes as { input: { actor: string; reason: string }[] };
    expect(update.input[0]).toEqual({ actor: WITHHELD.staff, reason: `proposed by ${WITHHELD.staff}; co-traveller ${WITHHELD.otherPerson}` });
    expect(answer.exemptions).toEqual([
      { what: 'the biometric template of each enrolment', reason: EXEMPTION_REASONS.biometricTemplate, count: 2, source: 'identity' },
      { what: 'the officers and caseworkers named in the case histories', reason: EXEMPTION_REASONS.staff, count: 4, source: 'cases' },
      { what: 'other people named in the case histories', reason: EXEMPTION_REASONS.otherPerson, count: 2, source: 'cases' },
    ]);

    const log = await consultations.search({ limit: 50 });
    expect(log.map((entry) => [entry.caseKind, entry.caseId, entry.operation, entry.actorId]).reverse()).toEqual([
      ['person', PERSON, 'subjectAccessRequest', audrey.actorId],
      ['readmission', FIRST, 'subjectAccessRequest', audrey.actorId],
      ['readmission', SECOND, 'subjectAccessRequest', audrey.actorId],
      ['subject-access-request', answer.request.id, 'subjectAccessCompleted', audrey.actorId],
    ]);
    expect(log.every((entry) => entry.purpose === 'subject access request DP-2025-17')).toBe(true);
    expect(answer.request.id).toBe(`sar_${log.at(-1)?.id}`);
  });

  it('S3: a source that does not answer within its bound fails the request with 504, recorded as failed', async () => {
    sources.slow = 'transport';

    const refusal = await service({ sourceTimeoutMs: 200 })
      .export(audrey, { personId: PERSON, purpose: 'subject access request DP-2025-18' })
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).getStatus()).toBe(HttpStatus.GATEWAY_TIMEOUT);
    expect((refusal as ProblemError).code).toBe('SOURCE_TIMEOUT');
    expect((refusal as ProblemError).message).toContain('transport did not answer within 200 ms');
    const log = await consultations.search({ limit: 50 });
    expect(log[0]).toMatchObject({ caseKind: 'subject-access-request', operation: 'subjectAccessFailed' });
  });

  it('refuses with 503 naming what to configure when the services cannot be reached, recording nothing', async () => {
    const refusal = await service({ configured: false })
      .export(audrey, { personId: PERSON, purpose: 'subject access request DP-2025-19' })
      .catch((error: unknown) => error);

    expect(refusal).toMatchObject({ code: 'SUBJECT_ACCESS_NOT_CONFIGURED' });
    expect((refusal as ProblemError).message).toContain('IDENTITY_URL');
    await expect(consultations.search({ limit: 5 })).resolves.toEqual([]);
  });
});
