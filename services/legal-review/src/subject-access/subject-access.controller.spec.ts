import { legalReviewSubjectAccessSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { type TestHttpApp, problemDocument, startTestHttpApp } from '../test-support/http-app';
import { openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessRepository } from './subject-access.repository';

let db: Database;
let app: TestHttpApp;

const PERSON = 'per_01J9ZQ4X7K3M2N8P6R5T';
const PARTNER = 'per_01J9ZQ4X7K3M2N8P6PARTNER';
const STRANGER = 'per_01J9ZQ4X7K3M2N8STRANGER';
const CASE = 'case_01J9ZQ4X7K3M2N8P6R5T';
const OTHER_CASE = 'case_01J9ZQ4X7K3M2N8OTHER0';
const EOI = 'eoi_01J9ZQ4X7K3M2N8P6R5T';

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  app = await startTestHttpApp([SubjectAccessController], [SubjectAccessRepository, { provide: DATABASE, useValue: db }]);
  await db.exec(`
    INSERT INTO challenges (challenge_id, case_id, person_id, kind, lodged_at, lodged_event_id) VALUES
      ('chl_PERSON000001', '${CASE}', '${PERSON}', 'injunction', '2025-09-03T10:00:00Z', gen_random_uuid()),
      ('chl_STRANGER0001', '${OTHER_CASE}', '${STRANGER}', 'judicial-review', '2025-09-03T10:00:00Z', gen_random_uuid());
    INSERT INTO readmission_requests (request_reference, idempotency_key, case_id, request_number, content_sha256, event_id) VALUES
      ('req_PERSON000001', 'k-1', '${CASE}', 1, '${'a'.repeat(64)}', gen_random_uuid()),
      ('req_STRANGER0001', 'k-2', '${OTHER_CASE}', 1, '${'b'.repeat(64)}', gen_random_uuid());
    INSERT INTO disclosure_log (recipient, case_id, fields, purpose, channel, request_reference, event_id) VALUES
      ('FR-MININT', '${CASE}', '{personId,biometricReference}', 'readmission request (R12)', 'kafka', 'req_PERSON000001', gen_random_uuid());
    INSERT INTO france_replies (event_id, request_reference, case_id, kind, replied_at, case_state) VALUES
      (gen_random_uuid(), 'req_PERSON000001', '${CASE}', 'accepted', '2025-09-05T10:00:00Z', 'accepted');
    INSERT INTO security_check_requests (check_reference, idempotency_key, eoi_id, person_ids, event_id, requested_at) VALUES
      ('sec_FAMILY000001', 's-1', '${EOI}', '{${PERSON},${PARTNER}}', gen_random_uuid(), '2025-09-11T10:00:00Z');
    INSERT INTO security_check_results (event_id, check_reference, eoi_id, person_id, outcome, ground, completed_at) VALUES
      (gen_random_uuid(), 'sec_FAMILY000001', '${EOI}', '${PERSON}', 'clear', NULL, '2025-09-12T10:00:00Z'),
      (gen_random_uuid(), 'sec_FAMILY000001', '${EOI}', '${PARTNER}', 'refuse', 'criminality', '2025-09-12T10:00:00Z');
  `);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function asCasework(path: string, client = 'svc-casework') {
  const response = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${await app.issuer.serviceToken(client)}` } });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('GET /internal/v1/subject-access/:personId (legal-review)', () => {
  it('answers the person\'s challenge, request to France, disclosure, reply and own security result, nobody else\'s', async () => {
    const answer = await asCasework(`/internal/v1/subject-access/${PERSON}?readmissionCaseIds=${CASE}&eoiIds=${EOI}`);

    expect(answer.status).toBe(200);
    const held = legalReviewSubjectAccessSchema.parse(answer.body);
    expect(held.challenges.map((challenge) => challenge.challengeId)).toEqual(['chl_PERSON000001']);
    expect(held.readmissionRequests.map((request) => request.requestReference)).toEqual(['req_PERSON000001']);
    expect(held.disclosures).toEqual([expect.objectContaining({ recipient: 'FR-MININT', fields: ['personId', 'biometricReference'], requestReference: 'req_PERSON000001' })]);
    expect(held.franceReplies).toEqual([expect.objectContaining({ kind: 'accepted', caseId: CASE })]);
    expect(held.securityChecks).toEqual([expect.objectContaining({ checkReference: 'sec_FAMILY000001', result: expect.objectContaining({ outcome: 'clear', ground: null }) })]);
    const text = JSON.stringify(held);
    expect(text).not.toContain(PARTNER);
    expect(text).not.toContain('criminality');
    expect(text).not.toContain(STRANGER);
    expect(text).not.toContain('req_STRANGER0001');
    expect(held.withheld).toEqual([expect.objectContaining({ what: expect.stringContaining('other people'), count: 1 })]);
  });

  it('admits the casework service only: the worker is refused with 403', async () => {
    const answer = await asCasework(`/internal/v1/subject-access/${PERSON}`, 'svc-worker');

    expect(answer).toEqual({ status: 403, body: problemDocument(403, 'FORBIDDEN', expect.any(String)) });
  });

  it('refuses a case list that is not opaque ids with 400 INVALID_INPUT, and an unknown parameter', async () => {
    expect((await asCasework(`/internal/v1/subject-access/${PERSON}?readmissionCaseIds=Jane%20Doe`)).status).toBe(400);
    expect((await asCasework(`/internal/v1/subject-access/${PERSON}?name=Jane`)).status).toBe(400);
  });
});
