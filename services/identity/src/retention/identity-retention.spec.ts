import { type INestApplication } from '@nestjs/common';
import { type Database } from '@oioo/database';
import { eoiWorkflowId, readmissionWorkflowId, retentionPolicyEnvSchema } from '@oioo/contracts';
import { TestIssuer } from '@oioo/testing';
import { identityAppBuilder } from '../test-support/identity-app-builder';
import { arrivalEvent, identityServices, opaqueId, openIdentityDatabase, openedCase, returnOf, sampleTemplate } from '../test-support/identity-test-kit';
import { type CaseClosure, type CaseClosures } from './case-closures';
import { IdentityRetention } from './identity-retention.service';

const DAY_MS = 86_400_000;
const policy = retentionPolicyEnvSchema.parse({ RETENTION_BIOMETRIC_TEMPLATES: 'P30D', RETENTION_ENROLMENTS: 'P30D', RETENTION_EOI_IDENTITY_DOCUMENTS: 'P30D' });
/** Sixty days on: every row was taken more than thirty days before, so only the cases' closure decides. */
const asOf = new Date(Date.now() + 60 * DAY_MS);

/** Closures the test sets, by workflow id; a workflow it was not told about is running. */
class FakeClosures implements CaseClosures {
  readonly asked: string[] = [];
  constructor(private readonly closures: Map<string, CaseClosure>) {}
  async closureOf(workflowId: string): Promise<CaseClosure> {
    this.asked.push(workflowId);
    return this.closures.get(workflowId) ?? { kind: 'running' };
  }
}

let db: Database;

beforeAll(async () => {
  db = await openIdentityDatabase();
}, 60_000);

afterAll(() => db?.close());

async function count(sql: string, params: unknown[]): Promise<number> {
  return Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${sql}`, params)).rows[0]?.n);
}

/** An EOI of one applicant whose biometrics were captured at the centre, written as the legal-route handlers write it. */
async function eoiWithCapture(services: ReturnType<typeof identityServices>): Promise<{ eoiId: string; personId: string; enrolmentReference: string }> {
  const eoiId = opaqueId('eoi');
  const personId = opaqueId('per');
  const appointment = opaqueId('apt');
  await services.people.ensure(db, personId);
  await db.query('INSERT INTO eoi_submissions (eoi_id, event_id, submitted_at) VALUES ($1, $2, now())', [eoiId, opaqueId('evt')]);
  await db.query(
    `INSERT INTO eoi_applicants (eoi_id, person_id, position, role, given_names, family_name, date_of_birth, nationalities, document_kind, document_number, document_issuing_country,
       document_expires_on, eea_family_member, protection_elsewhere, french_residence_permission, uk_link_within_5_years)
     VALUES ($1, $2, 0, 'main', 'Amanuel', 'Tesfay', '1990-01-01', ARRAY['ERI'], 'passport', 'ER7781234', 'ERI', '2030-01-01', false, false, false, false)`,
    [eoiId, personId],
  );
  await db.query(
    `INSERT INTO vac_appointments (appointment_reference, idempotency_key, eoi_id, person_ids, centre, at, event_id) VALUES ($1, $2, $3, ARRAY[$4], 'paris', now(), gen_random_uuid())`,
    [appointment, opaqueId('key'), eoiId, personId],
  );
  const { enrolment } = await services.enrolments.enrol(db, { personId, caseId: eoiId, context: 'eoi', sourceKey: `vac:${appointment}:${personId}`, template: sampleTemplate(eoiId), capturedAt: new Date().toISOString() });
  await db.query('INSERT INTO eoi_biometric_captures (appointment_reference, person_id, eoi_id, event_id, enrolment_reference, captured_at) VALUES ($1, $2, $3, $4, $5, now())', [
    appointment,
    personId,
    eoiId,
    opaqueId('evt'),
    enrolment.reference,
  ]);
  return { eoiId, personId, enrolmentReference: enrolment.reference };
}

describe('identity retention sweep (PGlite)', () => {
  it('S4: deletes the biometrics of closed cases not returned and the closed EOIs\' documents; keeps the register of returns, running cases and cases closed within the period', async () => {
    const services = identityServices(db);
    const closedLongAgo: CaseClosure = { kind: 'closed', closedAt: new Date() };
    const closedRecently: CaseClosure = { kind: 'closed', closedAt: new Date(asOf.getTime() - DAY_MS) };
    const [gone, returned, running, recent] = [arrivalEvent(), arrivalEvent(), arrivalEvent(), arrivalEvent()];
    for (const event of [gone, returned, running, recent]) openedCase(await services.screening.screen(event));
    await services.returns.register(returnOf(returned.data));
    const closedEoi = await eoiWithCapture(services);
    const openEoi = await eoiWithCapture(services);
    const closures = new FakeClosures(
      new Map<string, CaseClosure>([
        [readmissionWorkflowId(gone.data.caseId), closedLongAgo],
        [readmissionWorkflowId(returned.data.caseId), closedLongAgo],
        [readmissionWorkflowId(recent.data.caseId), closedRecently],
        [eoiWorkflowId(closedEoi.eoiId), { kind: 'not-found' }],
      ]),
    );
    const retention = new IdentityRetention(db, policy, closures);

    const result = await retention.sweep(asOf);

    expect(result.deleted).toEqual({ 'biometric-templates': 1, enrolments: 1, 'eoi-identity-documents': 1 });
    expect(result.cutoffs['biometric-templates']).toBe(new Date(asOf.getTime() - 30 * DAY_MS).toISOString());
    // The closed case not returned: its template, its entry in the register of irregular entries and its screening are gone.
    expect(await count('enrolments WHERE case_id = $1', [gone.data.caseId])).toBe(0);
    expect(await count('irregular_entries WHERE case_id = $1', [gone.data.caseId])).toBe(0);
    expect(await count('arrival_screenings WHERE case_id = $1', [gone.data.caseId])).toBe(0);
    expect(await count('people WHERE id = $1', [gone.data.personId])).toBe(0);
    // R11: the returned person's biometrics and the register of returns are kept, and never even asked about.
    expect(await count('enrolments WHERE case_id = $1', [returned.data.caseId])).toBe(1);
    expect((await services.returns.find(returned.data.caseId))?.enrolmentReferences).toHaveLength(1);
    expect(closures.asked).not.toContain(readmissionWorkflowId(returned.data.caseId));
    // Running, or closed within the period: kept.
    expect(await count('enrolments WHERE case_id = ANY($1)', [[running.data.caseId, recent.data.caseId]])).toBe(2);
    // The closed EOI: its applicant's documents and its enrolment are gone; the open one keeps both.
    expect(await count('eoi_applicants WHERE eoi_id = $1', [closedEoi.eoiId])).toBe(0);
    expect(await count('eoi_submissions WHERE eoi_id = $1', [closedEoi.eoiId])).toBe(0);
    expect(await count('vac_appointments WHERE eoi_id = $1', [closedEoi.eoiId])).toBe(0);
    expect(await count('enrolments WHERE reference = $1', [closedEoi.enrolmentReference])).toBe(0);
    expect(await count('eoi_applicants WHERE eoi_id = $1', [openEoi.eoiId])).toBe(1);
    expect(await count('enrolments WHERE reference = $1', [openEoi.enrolmentReference])).toBe(1);

    // S4: a second sweep as of the same time deletes nothing more.
    expect((await retention.sweep(asOf)).deleted).toEqual({ 'biometric-templates': 0, enrolments: 0, 'eoi-identity-documents': 0 });
  });

  it('S4: nothing taken within its period is asked about or deleted, even of a closed case', async () => {
    const services = identityServices(db);
    const event = arrivalEvent();
    openedCase(await services.screening.screen(event));
    const closures = new FakeClosures(new Map([[readmissionWorkflowId(event.data.caseId), { kind: 'closed', closedAt: new Date() } as CaseClosure]]));
    const result = await new IdentityRetention(db, policy, closures).sweep(new Date());
    expect(result.deleted['biometric-templates']).toBe(0);
    expect(closures.asked).not.toContain(readmissionWorkflowId(event.data.caseId));
    expect(await count('enrolments WHERE case_id = $1', [event.data.caseId])).toBe(1);
  });
});

describe('POST /internal/v1/retention/sweep', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    Object.assign(process.env, issuer.environment());
    const moduleRef = await identityAppBuilder().compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await issuer?.stop();
  });

  async function sweep(body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${baseUrl}/internal/v1/retention/sweep`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('S4: admits the worker only, parses the body, and answers the counts per class', async () => {
    const asOfNow = new Date().toISOString();
    expect((await sweep({ asOf: asOfNow })).status).toBe(401);
    expect((await sweep({ asOf: asOfNow }, await issuer.serviceToken('svc-transport'))).status).toBe(403);
    const worker = await issuer.serviceToken('svc-worker');
    expect(await sweep({ asOf: 'yesterday' }, worker)).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    expect(await sweep({ asOf: asOfNow, extra: 1 }, worker)).toMatchObject({ status: 400 });
    expect(await sweep({ asOf: asOfNow }, worker)).toEqual({
      status: 200,
      body: { asOf: asOfNow, deleted: { 'biometric-templates': 0, enrolments: 0, 'eoi-identity-documents': 0 }, cutoffs: expect.any(Object) },
    });
  });
});
