import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseworkAppModule } from '@oioo/casework';
import { Topics, readmissionWorkflowId } from '@oioo/contracts';
import { DATABASE, type Database, chainHeadOf } from '@oioo/database';
import { LegalReviewAppModule } from '@oioo/legal-review';
import { runOps } from '@oioo/ops';
import { recordTopic } from '../support/kafka-clients';
import { Sessions } from '../support/people-tokens';
import { asWorker } from '../support/service-tokens';
import { eventually, stackEnv, uniqueOpaqueId } from '../support/stack';

const sessions = new Sessions();
let app: INestApplication;
let legalReview: INestApplication;
let caseworkUrl: string;
let legalReviewUrl: string;
let db: Database;
const savedInterval = process.env['AUDIT_CHAIN_HEAD_INTERVAL_SECONDS'];

/** `npm run ops -- <args>` in-process as the seeded SRE, against this file's casework service. */
async function ops(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const env = { ...stackEnv(), CASEWORK_API_URL: caseworkUrl, LEGAL_REVIEW_URL: legalReviewUrl, OPS_ACCESS_TOKEN: await sessions.tokenOf('sam') };
  const code = await runOps(args, { output: { line: (text) => lines.push(text), progress: () => undefined }, environment: () => env });
  return { code, text: lines.join('\n') };
}

/** Whether a head published on the topic is `hash`, under the key `subject`. */
async function headPublished(subject: string, hash: string): Promise<void> {
  const recorder = await recordTopic(Topics.auditChainHeadPublished.name);
  try {
    await eventually(
      async () => recorder.messages.map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null') as { subject: string; data: unknown }),
      (events) => events.some((event) => event.subject === subject && Topics.auditChainHeadPublished.data.safeParse(event.data).data?.hash === hash),
    );
  } finally {
    await recorder.stop();
  }
}

/** The auditor searches the consultation log through the API: each search is itself a chained consultation (S3). */
async function auditorSearches(): Promise<void> {
  const response = await fetch(`${caseworkUrl}/api/v1/consultations?purpose=integrity-check`, { headers: { authorization: `Bearer ${await sessions.tokenOf('audrey')}` } });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  delete process.env['DATABASE_DIR'];
  // Heads every second, so the test sees one published after its own writes.
  process.env['AUDIT_CHAIN_HEAD_INTERVAL_SECONDS'] = '1';
  app = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  caseworkUrl = await app.getUrl();
  db = app.get<Database>(DATABASE);
  legalReview = await NestFactory.create(LegalReviewAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await legalReview.listen(0, '127.0.0.1');
  legalReviewUrl = await legalReview.getUrl();
}, 60_000);

afterAll(async () => {
  await legalReview?.close();
  await app?.close();
  if (savedInterval === undefined) delete process.env['AUDIT_CHAIN_HEAD_INTERVAL_SECONDS'];
  else process.env['AUDIT_CHAIN_HEAD_INTERVAL_SECONDS'] = savedInterval;
});

describe('the tamper-evident audit record on the real stack', () => {
  it('S3: verify passes on the record the service wrote, the head reaches Kafka, and a row edited behind the service\'s back is named', async () => {
    await auditorSearches();
    await auditorSearches();

    const clean = await ops(['audit', 'verify']);
    expect(clean.code).toBe(0);
    expect(clean.text).toMatch(/^OK {6}consultations: 2 entries, head seq 2 /m);
    expect(clean.text).toMatch(/^OK {6}operations: 0 entries/m);
    expect(clean.text).toMatch(/^OK {6}decisions: 0 entries/m);
    expect(clean.text).toMatch(/^OK {6}disclosures: 0 entries/m);

    // The head as the service holds it is published, out of the database's reach.
    await headPublished('audit_caseworkConsultations', (await chainHeadOf(db, 'consultations')).hash);

    // The service's own role cannot change a row; the table owner can only by switching the trigger off first.
    await expect(db.query("UPDATE consultations SET purpose = 'routine' WHERE seq = 1")).rejects.toThrow(/append-only: UPDATE refused/);
    await db.exec("ALTER TABLE consultations DISABLE TRIGGER USER; UPDATE consultations SET purpose = 'routine' WHERE seq = 1; ALTER TABLE consultations ENABLE TRIGGER USER;");

    const tampered = await ops(['audit', 'verify', '--stream', 'consultations']);
    expect(tampered.code).toBe(1);
    expect(tampered.text).toMatch(/^BROKEN {2}consultations: first broken link at seq 1: hash-mismatch/m);
    // Both runs are in the (still intact) operations log, as every ops action is.
    expect((await ops(['audit', 'verify', '--stream', 'operations'])).text).toMatch(/^OK {6}operations: 2 entries/m);
  });

  it('S3 R12: a readmission request sent to France through legal-review is a chained disclosure; verify passes, its head reaches Kafka, and an edit behind the service\'s back is named', async () => {
    const caseId = uniqueOpaqueId('case');
    const sent = await fetch(`${legalReviewUrl}/readmission-requests`, {
      method: 'POST',
      headers: { ...(await asWorker()), 'content-type': 'application/json' },
      body: JSON.stringify({
        caseId,
        personId: uniqueOpaqueId('per'),
        biometricReference: uniqueOpaqueId('enr'),
        crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-77' }],
        arrivedAt: new Date().toISOString(),
        requestNumber: 1,
        idempotencyKey: `${readmissionWorkflowId(caseId)}:request:1`,
      }),
    });
    expect(sent.status).toBe(200);

    const clean = await ops(['audit', 'verify', '--stream', 'disclosures']);
    expect(clean.code).toBe(0);
    expect(clean.text).toMatch(/^OK {6}disclosures: 1 entries, head seq 1 /m);
    const legalReviewDb = legalReview.get<Database>(DATABASE);
    await headPublished('audit_legalReviewDisclosures', (await chainHeadOf(legalReviewDb, 'disclosures')).hash);

    // The service cannot change the row; the table owner can only by switching the trigger off first.
    await expect(legalReviewDb.query("UPDATE disclosure_log SET recipient = 'nobody' WHERE seq = 1")).rejects.toThrow(/append-only: UPDATE refused/);
    await legalReviewDb.exec("ALTER TABLE disclosure_log DISABLE TRIGGER USER; UPDATE disclosure_log SET fields = ARRAY['caseId'] WHERE seq = 1; ALTER TABLE disclosure_log ENABLE TRIGGER USER;");

    const tampered = await ops(['audit', 'verify', '--stream', 'disclosures']);
    expect(tampered.code).toBe(1);
    expect(tampered.text).toMatch(/^BROKEN {2}disclosures: first broken link at seq 1: hash-mismatch/m);
  });
});
