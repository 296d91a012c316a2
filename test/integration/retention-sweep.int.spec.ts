import { randomBytes, randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { CaseworkAppModule } from '@oioo/casework';
import { createLogger } from '@oioo/config';
import { type ArrivalRecordedData, RETENTION_SWEEP_SCHEDULE_ID, TaskQueues, Topics, readmissionWorkflowId, retentionPolicyEnvSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { IdentityAppModule } from '@oioo/identity';
import { EventConsumer, type EventProducer } from '@oioo/kafka';
import { runOps } from '@oioo/ops';
import { type TemporalWorker, createTemporalClient } from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';
import { ServiceClient, createPlatformWorkers, createRetentionActivities, ensureRetentionSchedule } from '@oioo/worker';
import type { RetentionSweepSummary } from '@oioo/workflows-platform';
import { connectProducer } from '../support/kafka-clients';
import { Sessions } from '../support/people-tokens';
import { asWorker, workerTokenSource } from '../support/service-tokens';
import { eventually, stackTemporalConfig, uniqueOpaqueId } from '../support/stack';

/** Periods of seconds, so the test can let them pass; closed case histories keep their default (the lead's vault has its own test). */
const PERIOD_SECONDS = 4;
const SHORT_PERIODS = { RETENTION_BIOMETRIC_TEMPLATES: `PT${PERIOD_SECONDS}S`, RETENTION_CONSULTATION_LOGS: `PT${PERIOD_SECONDS}S` };

const sessions = new Sessions();
const saved = new Map<string, string | undefined>();
let identity: INestApplication;
let casework: INestApplication;
let identityDb: Database;
let caseworkUrl: string;
let client: Client;
let producer: EventProducer;
let workers: TemporalWorker[] = [];
let running: Promise<void>[] = [];

function arrival(): ArrivalRecordedData {
  return {
    caseId: uniqueOpaqueId('case'),
    personId: uniqueOpaqueId('per'),
    arrivedAt: new Date().toISOString(),
    route: 'claimed-protection',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-S4' }],
    biometricTemplate: `tpl-${randomBytes(80).toString('hex')}`,
  };
}

async function enrolmentsOf(caseId: string): Promise<number> {
  return Number((await identityDb.query<{ n: string }>('SELECT count(*)::text AS n FROM enrolments WHERE case_id = $1', [caseId])).rows[0]?.n);
}

/** The auditor reads the consultation log through the API, which is itself a consultation (S3). */
async function auditorConsults(purpose: string): Promise<void> {
  const response = await fetch(`${caseworkUrl}/api/v1/consultations?purpose=${purpose}`, { headers: { authorization: `Bearer ${await sessions.tokenOf('audrey')}` } });
  expect(response.status).toBe(200);
}

async function consultationPurposes(): Promise<string[]> {
  const db = casework.get<Database>(DATABASE);
  return (await db.query<{ purpose: string }>('SELECT purpose FROM consultations ORDER BY seq')).rows.map((row) => row.purpose);
}

/** Waits until the period has passed since `since` (the database clocks and this process's are one machine's). */
async function letPeriodPass(since: Date): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, since.getTime() + PERIOD_SECONDS * 1000 + 500 - Date.now())));
}

beforeAll(async () => {
  installQuietTemporalRuntime();
  for (const [name, value] of Object.entries(SHORT_PERIODS)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  delete process.env['DATABASE_DIR'];
  const boot = async (module: unknown) => {
    const app = await NestFactory.create(module as never, { logger: ['error', 'warn'], abortOnError: false });
    await app.listen(0, '127.0.0.1');
    return app;
  };
  identity = await boot(IdentityAppModule);
  casework = await boot(CaseworkAppModule);
  identityDb = identity.get<Database>(DATABASE);
  caseworkUrl = await casework.getUrl();
  client = await createTemporalClient(stackTemporalConfig());
  producer = await connectProducer('retention-it');
  // The worker as main.ts wires it for retention: its own token, the services' sweeps, Temporal's visibility, the policy.
  const tokens = workerTokenSource();
  workers = await createPlatformWorkers(stackTemporalConfig(), createLogger('retention-it'), {
    activities: {
      [TaskQueues.platform]: createRetentionActivities({
        identity: new ServiceClient('identity', await identity.getUrl(), tokens),
        casework: new ServiceClient('casework', caseworkUrl, tokens),
        temporalClient: client,
        policy: retentionPolicyEnvSchema.parse(process.env),
      }),
    },
  });
  running = workers.map((worker) => worker.run());
  await identity.get(EventConsumer).waitUntilJoined(60_000);
}, 120_000);

afterAll(async () => {
  await client?.schedule.getHandle(RETENTION_SWEEP_SCHEDULE_ID).delete().catch(() => undefined);
  for (const { worker } of workers) worker.shutdown();
  await Promise.all(running);
  await workers[0]?.connection.close();
  await client?.connection.close();
  await producer?.disconnect();
  await identity?.close();
  await casework?.close();
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('retention sweep on the real stack (S4)', () => {
  it('S4: the retention-sweep Schedule deletes the biometrics of a closed case not returned and old consultations, and keeps the returned, the running and the recent', async () => {
    // Three arrivals: a case that ends without a return, one that ends in a return (R11), one still running.
    const [notReturned, returned, open] = [arrival(), arrival(), arrival()];
    for (const data of [notReturned, returned, open]) {
      await producer.publish(Topics.arrivalRecorded, { eventId: randomUUID(), subject: data.caseId, source: 'uk-border-force', occurredAt: data.arrivedAt, data });
    }
    for (const data of [notReturned, returned, open]) await eventually(() => enrolmentsOf(data.caseId), (count) => count === 1, 60_000);
    const registered = await fetch(`${await identity.getUrl()}/returns-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await asWorker()) },
      body: JSON.stringify({ caseId: returned.caseId, personId: returned.personId, handoverReference: uniqueOpaqueId('hov'), idempotencyKey: `readmission:${returned.caseId}:register-return` }),
    });
    expect(registered.status).toBe(204);
    await auditorConsults('old-read');
    for (const data of [notReturned, returned]) {
      const handle = client.workflow.getHandle(readmissionWorkflowId(data.caseId));
      await eventually(async () => (await handle.describe()).status.name, (status) => status === 'RUNNING');
      await handle.terminate('retention test: the case ends');
    }
    // Both the cases' close and the old read are now at least this old.
    await letPeriodPass(new Date());
    await auditorConsults('recent-read');

    expect(await ensureRetentionSchedule(client, 86_400_000, createLogger('retention-it'))).toBe('created');
    expect(await ensureRetentionSchedule(client, 86_400_000, createLogger('retention-it'))).toBe('unchanged');
    // A worker deployed with another RETENTION_SWEEP_INTERVAL sets it on the existing Schedule.
    expect(await ensureRetentionSchedule(client, 3_600_000, createLogger('retention-it'))).toBe('interval-updated');
    expect((await client.schedule.getHandle(RETENTION_SWEEP_SCHEDULE_ID).describe()).spec.intervals?.map((interval) => Number(interval.every))).toEqual([3_600_000]);
    const schedule = client.schedule.getHandle(RETENTION_SWEEP_SCHEDULE_ID);
    await schedule.trigger();
    const started = await eventually(
      async () => (await schedule.describe()).info.recentActions,
      (actions) => actions.length > 0,
    );
    const workflowId = started[0]?.action.workflow.workflowId ?? '';
    const summary = (await client.workflow.getHandle(workflowId).result()) as RetentionSweepSummary;

    expect(summary.failures).toEqual([]);
    expect(summary.deleted).toMatchObject({ 'biometric-templates': 1, enrolments: 0, 'eoi-identity-documents': 0, 'consultation-logs': 1, 'closed-case-histories': 0 });
    // The closed case not returned is gone; R11's register and the running case are kept.
    expect(await enrolmentsOf(notReturned.caseId)).toBe(0);
    expect(await enrolmentsOf(returned.caseId)).toBe(1);
    expect(await enrolmentsOf(open.caseId)).toBe(1);
    // The old consultation left through a checkpoint; the recent one (and the sweep's own reads after it) stay, and the chain verifies.
    expect(await consultationPurposes()).toEqual(['recent-read']);
    // The casework streams only: legal-review, which keeps the disclosures stream, is not part of this test.
    const lines: string[] = [];
    const env = { ...process.env, CASEWORK_API_URL: caseworkUrl, OPS_ACCESS_TOKEN: await sessions.tokenOf('sam') };
    const output = { line: (text: string) => lines.push(text), progress: () => undefined };
    for (const stream of ['consultations', 'prunings']) expect(await runOps(['audit', 'verify', '--stream', stream], { output, environment: () => env })).toBe(0);
    expect(lines.join('\n')).toMatch(/^OK {6}consultations: 1 entries, head seq 2 /m);
    expect(lines.join('\n')).toMatch(/^OK {6}prunings: 1 entries/m);
  }, 120_000);
});
