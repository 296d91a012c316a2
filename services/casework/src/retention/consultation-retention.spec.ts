import { join } from 'node:path';
import { type PersonCaller } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { retentionPolicyEnvSchema } from '@oioo/contracts';
import { type Database, loadMigrations, openPgliteDatabase, runMigrations } from '@oioo/database';
import { verifyChain } from '@oioo/database/audit';
import { AuditStreams } from '../audit/audit-streams.service';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { ConsultationRetention } from './consultation-retention.service';

const auditor: PersonCaller = { kind: 'person', subject: 'aud_1', actorId: 'aud_1', name: 'Ada Auditor', roles: ['auditor'] };
const policy = retentionPolicyEnvSchema.parse({ RETENTION_CONSULTATION_LOGS: 'PT1H' });
const HOUR_MS = 3_600_000;

let db: Database;
let streams: AuditStreams;
let consultations: ConsultationLog;

/** Verifies a stream as `npm run ops -- audit verify` does: from its latest checkpoint, through the service's reader. */
async function verify(stream: 'consultations' | 'prunings') {
  const page = await streams.page(stream, { after: 0, limit: 1000 });
  return verifyChain(stream, page.entries.map((entry) => ({ ...entry, stream, fields: entry.fields as never })), page.prunedUpTo);
}

/** Records consultations of these cases, then waits past the database clock's millisecond; returns when the first was recorded. */
async function consult(...caseIds: string[]): Promise<Date> {
  for (const caseId of caseIds) await consultations.record(auditor, { caseKind: 'readmission', caseId, operation: 'getReadmissionCase', purpose: 'audit' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const first = await db.query<{ at: Date }>('SELECT min(at) AS at FROM consultations WHERE case_id = ANY($1)', [caseIds]);
  return new Date(first.rows[0]?.at ?? '');
}

beforeAll(async () => {
  db = await openPgliteDatabase({ schema: 'casework' });
});

beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS casework CASCADE');
  await runMigrations(db, { schema: 'casework', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: createLogger('test', {}, () => undefined) });
  streams = new AuditStreams(db);
  consultations = new ConsultationLog(db);
});

afterAll(async () => {
  await db.close();
});

describe('consultation log retention on PGlite', () => {
  it('S4: deletes consultations past their period through a checkpoint, keeps the newer ones, and the chain still verifies', async () => {
    await consult('rdm_a', 'rdm_b');
    const newer = await consult('rdm_c', 'rdm_d');
    const retention = new ConsultationRetention(db, policy);
    const result = await retention.sweep(new Date(newer.getTime() + HOUR_MS));
    expect(result.deleted).toEqual({ 'consultation-logs': 2 });
    expect(result.cutoffs['consultation-logs']).toBe(newer.toISOString());
    expect((await consultations.search({ limit: 10 })).map((entry) => entry.caseId)).toEqual(['rdm_d', 'rdm_c']);
    expect(await verify('consultations')).toMatchObject({ ok: true, count: 2, head: { seq: 4 } });
    expect(await verify('prunings')).toMatchObject({ ok: true, count: 1 });
    // The next consultation continues the chain after the pruned ones.
    await consult('rdm_e');
    expect(await verify('consultations')).toMatchObject({ ok: true, count: 3, head: { seq: 5 } });
  });

  it('S4: a second sweep as of the same time deletes nothing', async () => {
    const at = await consult('rdm_a', 'rdm_b');
    const retention = new ConsultationRetention(db, policy);
    const asOf = new Date(at.getTime() + 2 * HOUR_MS);
    expect((await retention.sweep(asOf)).deleted).toEqual({ 'consultation-logs': 2 });
    expect((await retention.sweep(asOf)).deleted).toEqual({ 'consultation-logs': 0 });
    expect(await verify('prunings')).toMatchObject({ ok: true, count: 1 });
  });

  it('S4: nothing within its period is deleted', async () => {
    const at = await consult('rdm_a');
    expect((await new ConsultationRetention(db, policy).sweep(new Date(at.getTime() + HOUR_MS - 1))).deleted).toEqual({ 'consultation-logs': 0 });
    expect(await consultations.search({ limit: 10 })).toHaveLength(1);
  });
});
