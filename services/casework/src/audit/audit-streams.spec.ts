import { join } from 'node:path';
import { type PersonCaller } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type Database, loadMigrations, openPgliteDatabase, runMigrations } from '@oioo/database';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { OperationsLog } from '../operations/operations-log.repository';
import { DecisionLog } from '../steps/decision-log.repository';
import { verifyChain } from '@oioo/database/audit';
import { AuditStreams } from './audit-streams.service';

const auditor: PersonCaller = { kind: 'person', subject: 'aud_1', actorId: 'aud_1', name: 'Ada Auditor', roles: ['auditor'] };
const sre: PersonCaller = { kind: 'person', subject: 'sre_1', actorId: 'sre_1', name: 'Sam Sre', roles: ['sre'] };
const senior: PersonCaller = { kind: 'person', subject: 'cw_2', actorId: 'cw_2', name: 'Sol Senior', roles: ['senior-caseworker'], team: 'dover' };

let db: Database;
let streams: AuditStreams;

/** Verifies a whole stream as `npm run ops -- audit verify` does, through the service's reader. */
async function verify(stream: 'consultations' | 'operations' | 'decisions') {
  const page = await streams.page(stream, { after: 0, limit: 1000 });
  return verifyChain(stream, page.entries.map((entry) => ({ ...entry, stream, fields: entry.fields as never })));
}

/** The table owner's way round the trigger: what someone with the database's credentials could do. */
async function behindTheServicesBack(sql: string, table: string): Promise<void> {
  await db.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER; ${sql}; ALTER TABLE ${table} ENABLE TRIGGER USER;`);
}

// One PGlite for the file (starting one costs seconds); each test gets the schema afresh.
beforeAll(async () => {
  db = await openPgliteDatabase({ schema: 'casework' });
});

beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS casework CASCADE');
  await runMigrations(db, { schema: 'casework', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: createLogger('test', {}, () => undefined) });
  streams = new AuditStreams(db);
  const consultations = new ConsultationLog(db);
  for (const caseId of ['rdm_a', 'rdm_b', 'rdm_c', 'rdm_d']) await consultations.record(auditor, { caseKind: 'readmission', caseId, operation: 'getReadmissionCase', purpose: 'quarterly audit' });
});

afterAll(async () => {
  await db.close();
});

describe('audit streams on PGlite', () => {
  it('S3: chains every consultation written through the service, from seq 1', async () => {
    const page = await streams.page('consultations', { after: 0, limit: 1000 });
    expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(page.head.seq).toBe(4);
    expect(await verify('consultations')).toEqual({ ok: true, count: 4, head: { seq: 4, hash: page.head.hash } });
    // The auditor's search still reads the same rows.
    expect((await new ConsultationLog(db).search({ limit: 10 })).map((entry) => entry.caseId)).toEqual(['rdm_d', 'rdm_c', 'rdm_b', 'rdm_a']);
  });

  it('S3: the trigger refuses UPDATE, DELETE and TRUNCATE of a chained table', async () => {
    await expect(db.query("UPDATE consultations SET purpose = 'nothing to see' WHERE seq = 2")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM consultations WHERE seq = 2')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.exec('TRUNCATE operations')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await verify('consultations')).toMatchObject({ ok: true, count: 4 });
  });

  it('S3: a row edited behind the service\'s back is named as the first broken link', async () => {
    await behindTheServicesBack("UPDATE consultations SET case_id = 'rdm_someone_else' WHERE seq = 2", 'consultations');
    expect(await verify('consultations')).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'hash-mismatch' }) });
  });

  it('S3: a row deleted behind the service\'s back shows as a gap', async () => {
    await behindTheServicesBack('DELETE FROM consultations WHERE seq = 3', 'consultations');
    expect(await verify('consultations')).toEqual({ ok: false, count: 2, broken: expect.objectContaining({ seq: 4, reason: 'gap' }) });
  });

  it('S3: two rows swapped behind the service\'s back (their places exchanged) are caught', async () => {
    await behindTheServicesBack('UPDATE consultations SET seq = CASE seq WHEN 2 THEN -3 ELSE -2 END WHERE seq IN (2, 3); UPDATE consultations SET seq = -seq WHERE seq < 0', 'consultations');
    expect(await verify('consultations')).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'previous-hash-mismatch' }) });
  });

  it('chains operations-log entries, JSONB arguments and the link to the started entry included', async () => {
    const log = new OperationsLog(db);
    const started = await log.record(sre, { verb: 'bulk.cancel', arguments: { query: "CaseKind = 'readmission'", 'dry-run': false }, targets: ['readmission:rdm_a'], reason: 'pilot paused', outcome: 'started' });
    await log.record(sre, { verb: 'bulk.cancel', arguments: { query: "CaseKind = 'readmission'", 'dry-run': false }, targets: ['readmission:rdm_a'], reason: 'pilot paused', outcome: 'succeeded', operationId: started.id });
    expect(await verify('operations')).toMatchObject({ ok: true, count: 2 });
    expect((await log.search({ limit: 5 }))[0]).toMatchObject({ outcome: 'succeeded', operationId: started.id, actorId: 'sre_1' });
  });

  it('S2: records a human step as a decision: choices and evidence references, the body only as its hash', async () => {
    const decisions = new DecisionLog(db);
    const body = { approve: true, reason: 'Mr X was seen by Dr Y on Monday', evidence: ['doc:med-77'] };
    await decisions.record(senior, { step: 'reviewInadmissibility', caseKind: 'readmission', workflowId: 'readmission:rdm_a', commandId: 'cmd_1', body, status: 200, outcome: 'accepted' });
    const page = await streams.page('decisions', { after: 0, limit: 10 });
    expect(page.entries[0]?.fields).toMatchObject({ actor_id: 'cw_2', step: 'reviewInadmissibility', workflow_id: 'readmission:rdm_a', choices: { approve: true }, evidence: ['doc:med-77'], outcome: 'accepted' });
    expect(JSON.stringify(page.entries)).not.toContain('Dr Y');
    expect(await verify('decisions')).toMatchObject({ ok: true, count: 1 });
  });

  it('pages a stream in chain order with the next sequence number to continue from', async () => {
    const first = await streams.page('consultations', { after: 0, limit: 3 });
    expect(first.nextAfter).toBe(3);
    const rest = await streams.page('consultations', { after: 3, limit: 3 });
    expect(rest.entries.map((entry) => entry.seq)).toEqual([4]);
    expect(rest.nextAfter).toBeUndefined();
  });

  it('answers 404 for a stream that does not exist', async () => {
    await expect(streams.page('staff', { after: 0, limit: 10 })).rejects.toMatchObject({ code: 'AUDIT_STREAM_NOT_FOUND' });
  });
});
