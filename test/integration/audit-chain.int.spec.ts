import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseworkAppModule } from '@oioo/casework';
import { Topics } from '@oioo/contracts';
import { DATABASE, type Database, chainHeadOf } from '@oioo/database';
import { runOps } from '@oioo/ops';
import { recordTopic } from '../support/kafka-clients';
import { Sessions } from '../support/people-tokens';
import { eventually, stackEnv } from '../support/stack';

const sessions = new Sessions();
let app: INestApplication;
let caseworkUrl: string;
let db: Database;
const savedInterval = process.env['AUDIT_CHAIN_HEAD_INTERVAL_SECONDS'];

/** `npm run ops -- <args>` in-process as the seeded SRE, against this file's casework service. */
async function ops(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const env = { ...stackEnv(), CASEWORK_API_URL: caseworkUrl, OPS_ACCESS_TOKEN: await sessions.tokenOf('sam') };
  const code = await runOps(args, { output: { line: (text) => lines.push(text), progress: () => undefined }, environment: () => env });
  return { code, text: lines.join('\n') };
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
});

afterAll(async () => {
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

    // The head as the service holds it is published, out of the database's reach.
    const head = await chainHeadOf(db, 'consultations');
    const recorder = await recordTopic(Topics.auditChainHeadPublished.name);
    try {
      await eventually(
        async () => recorder.messages.map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null') as { subject: string; data: unknown }),
        (events) => events.some((event) => event.subject === 'audit_caseworkConsultations' && Topics.auditChainHeadPublished.data.safeParse(event.data).data?.hash === head.hash),
      );
    } finally {
      await recorder.stop();
    }

    // The service's own role cannot change a row; the table owner can only by switching the trigger off first.
    await expect(db.query("UPDATE consultations SET purpose = 'routine' WHERE seq = 1")).rejects.toThrow(/append-only: UPDATE refused/);
    await db.exec("ALTER TABLE consultations DISABLE TRIGGER USER; UPDATE consultations SET purpose = 'routine' WHERE seq = 1; ALTER TABLE consultations ENABLE TRIGGER USER;");

    const tampered = await ops(['audit', 'verify', '--stream', 'consultations']);
    expect(tampered.code).toBe(1);
    expect(tampered.text).toMatch(/^BROKEN {2}consultations: first broken link at seq 1: hash-mismatch/m);
    // Both runs are in the (still intact) operations log, as every ops action is.
    expect((await ops(['audit', 'verify', '--stream', 'operations'])).text).toMatch(/^OK {6}operations: 2 entries/m);
  });
});
