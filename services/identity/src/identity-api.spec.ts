import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import { AuthModule } from '@oioo/auth';
import { DatabaseModule } from '@oioo/database';
import { InMemoryKafkaTransport, KafkaModule } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { TestIssuer } from '@oioo/testing';
import { AgeAssessmentsModule } from './age-assessments/age-assessments.module';
import { ArrivalsModule } from './arrivals/arrivals.module';
import { ArrivalScreeningService } from './arrivals/arrival-screening.service';
import { IdentityConfigModule } from './config/identity-config.module';
import { RegistersModule } from './registers/registers.module';
import { MIGRATIONS_DIR, arrivalEvent, opaqueId, problemDocument, quietLogger, returnOf } from './test-support/identity-test-kit';

let issuer: TestIssuer;
let app: INestApplication;
let baseUrl: string;
let screening: ArrivalScreeningService;
/** The worker's token, and the casework service's (the only caller of the age-assessment routes). */
let workerToken: string;
let caseworkToken: string;

beforeAll(async () => {
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  workerToken = await issuer.serviceToken('svc-worker');
  caseworkToken = await issuer.serviceToken('svc-casework');
  const moduleRef = await Test.createTestingModule({
    imports: [
      // The app's modules as IdentityAppModule wires them, with Kafka in memory and without /health: the real migrations on in-memory PGlite.
      AuthModule.forRoot({ service: 'identity' }),
      DatabaseModule.forRoot({ schema: 'identity', migrationsDir: MIGRATIONS_DIR, config: { driver: 'pglite' }, logger: quietLogger }),
      KafkaModule.forRoot({ clientId: 'identity', groupId: 'identity', config: { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 1, retryBackoffMs: 0 } }, transport: new InMemoryKafkaTransport(), logger: quietLogger }),
      IdentityConfigModule,
      ArrivalsModule,
      RegistersModule,
      AgeAssessmentsModule,
    ],
  })
    // A real client whose connection opens only when used; these tests never signal a workflow.
    .overrideProvider(TEMPORAL_CLIENT)
    .useValue(new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) }))
    .compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  screening = app.get(ArrivalScreeningService);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await issuer?.stop();
});

async function post(path: string, body: unknown, token = workerToken): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('identity HTTP API', () => {
  it('R11 POST /returns-register answers 204 with no body, and 204 again for a repeat', async () => {
    const event = arrivalEvent();
    await screening.screen(event);

    await expect(post('/returns-register', returnOf(event.data))).resolves.toEqual({ status: 204, body: undefined });
    await expect(post('/returns-register', returnOf(event.data))).resolves.toEqual({ status: 204, body: undefined });
  });

  it('POST /returns-register refuses a bad body with 400 and a problem document { code, detail }', async () => {
    await expect(post('/returns-register', { caseId: 'nope' })).resolves.toEqual({ status: 400, body: problemDocument(400, 'INVALID_INPUT', expect.stringContaining('caseId')) });
  });

  it('R11 E4 POST /register-checks answers 200 with what the registers hold for the template', async () => {
    const event = arrivalEvent();
    await screening.screen(event);
    await post('/returns-register', returnOf(event.data));

    const answer = await post('/register-checks', { template: event.data.biometricTemplate });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      returned: true,
      irregularEntry: true,
      matches: [
        { personId: event.data.personId, caseId: event.data.caseId, score: 1, register: 'returns' },
        { personId: event.data.personId, caseId: event.data.caseId, score: 1, register: 'irregular-entries' },
      ],
    });
  });

  it('R2 S2 POST /age-assessments records an assessment (201), returns the first for a repeat, and GET lists it for the case', async () => {
    const caseId = opaqueId('case');
    const body = {
      caseId,
      personId: opaqueId('per'),
      outcome: 'adult',
      reference: 'AA-2025-0042',
      assessedBy: 'cw_ASSESSOR00001',
      assessedAt: '2025-09-02T10:00:00.000Z',
      idempotencyKey: `age:${caseId}:1`,
    };
    const { idempotencyKey: _key, ...recorded } = body;

    await expect(post('/age-assessments', body, caseworkToken)).resolves.toEqual({ status: 201, body: recorded });
    await expect(post('/age-assessments', { ...body, outcome: 'unaccompanied-minor' }, caseworkToken)).resolves.toEqual({ status: 201, body: recorded });
    await expect(post('/age-assessments', { ...body, outcome: 'unaccompanied-minor', idempotencyKey: `age:${caseId}:2` }, caseworkToken)).resolves.toEqual({
      status: 409,
      body: problemDocument(409, 'AGE_ASSESSMENT_EXISTS', expect.any(String)),
    });

    const listed = await fetch(`${baseUrl}/cases/${caseId}/age-assessments`, { headers: { authorization: `Bearer ${caseworkToken}` } });
    expect(listed.status).toBe(200);
    await expect(listed.json()).resolves.toEqual({ assessments: [recorded] });
  });

  it('GET /cases/{caseId}/age-assessments refuses an id that is not an opaque case id', async () => {
    const response = await fetch(`${baseUrl}/cases/Jane%20Doe/age-assessments`, { headers: { authorization: `Bearer ${caseworkToken}` } });
    expect(response.status).toBe(400);
  });
});
