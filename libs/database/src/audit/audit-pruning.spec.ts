import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgliteHarness, useHarness } from '../test-support/database-harness';
import { type Database } from '../database';
import { appendChained, chainHeadOf, latestPruning, readChain } from './audit-table';
import { pruneChained } from './audit-pruning';
import { verifyChain } from './audit-chain';

/**
 * The consultations stream and its prunings as casework declares them: its two audit migrations, read from
 * the service (the only place they are written), over a minimal consultations table.
 */
async function withPrunableStream(db: Database): Promise<void> {
  const migrations = join(__dirname, '..', '..', '..', '..', 'services', 'casework', 'src', 'migrations');
  const triggers = readFileSync(join(migrations, '0003_audit_chains.sql'), 'utf8');
  await db.exec(`CREATE SCHEMA IF NOT EXISTS identity;
    CREATE TABLE consultations (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now(), actor_id TEXT NOT NULL);
    CREATE TABLE operations (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now());
    INSERT INTO consultations (at, actor_id) VALUES ('2020-01-01T00:00:00Z', 'usr_before_chain');`);
  await db.exec(triggers);
  await db.exec(readFileSync(join(migrations, '0005_audit_retention.sql'), 'utf8'));
}

/** Appends `n` consultations and returns the time of the first; then waits past the database clock's millisecond, so later rows are strictly newer. */
async function consult(db: Database, n: number, from: number): Promise<Date> {
  const times: string[] = [];
  for (let index = from; index < from + n; index += 1) times.push((await appendChained(db, 'consultations', { actor_id: `usr_${index}` })).at);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return new Date(times[0] ?? '');
}

async function verifyFromCheckpoint(db: Database) {
  const after = await latestPruning(db, 'consultations');
  return verifyChain('consultations', await readChain(db, 'consultations', { afterSeq: 0, limit: 100 }), after);
}

describe.each([pgliteHarness()])('pruneChained on $driver', (harness) => {
  useHarness(harness);

  it('S4: deletes the entries older than the cutoff through a chained checkpoint; the rest still verifies from it', async () => {
    const db = await harness.open();
    await withPrunableStream(db);
    await consult(db, 3, 1);
    // The 4th was appended after the pause, so its time is past the first three's (and the row from before the chain).
    const cutoff = await consult(db, 2, 4);
    const kept = await readChain(db, 'consultations', { afterSeq: 3, limit: 10 });
    const outcome = await pruneChained(db, 'consultations', { before: cutoff, reason: 'retention' });
    expect(outcome.deleted).toBe(4);
    expect(outcome.checkpoint.seq).toBe(3);
    expect((await db.query<{ actor_id: string }>('SELECT actor_id FROM consultations ORDER BY id')).rows.map((row) => row.actor_id)).toEqual(['usr_4', 'usr_5']);
    expect(await verifyFromCheckpoint(db)).toEqual({ ok: true, count: 2, head: { seq: 5, hash: kept[1]?.hash } });
    // The checkpoint itself is a chained entry that names what was pruned.
    const prunings = await readChain(db, 'prunings', { afterSeq: 0, limit: 10 });
    expect(verifyChain('prunings', prunings)).toMatchObject({ ok: true, count: 1 });
    expect(prunings[0]?.fields).toMatchObject({ pruned_stream: 'consultations', up_to_seq: '3', deleted: '4', reason: 'retention' });
  });

  it('S4: a second run with the same cutoff deletes nothing and records no checkpoint', async () => {
    const db = await harness.open();
    await withPrunableStream(db);
    await consult(db, 2, 1);
    const before = new Date(Date.now() + 60_000);
    expect((await pruneChained(db, 'consultations', { before, reason: 'retention' })).deleted).toBe(3);
    expect(await pruneChained(db, 'consultations', { before, reason: 'retention' })).toEqual({ deleted: 0, checkpoint: { seq: 2, hash: expect.any(String) } });
    expect((await readChain(db, 'prunings', { afterSeq: 0, limit: 10 })).length).toBe(1);
  });

  it('S4: a stream pruned to nothing goes on from its checkpoint, not from seq 1', async () => {
    const db = await harness.open();
    await withPrunableStream(db);
    await consult(db, 2, 1);
    const { checkpoint } = await pruneChained(db, 'consultations', { before: new Date(Date.now() + 60_000), reason: 'retention' });
    expect(await chainHeadOf(db, 'consultations')).toEqual(checkpoint);
    const next = await appendChained(db, 'consultations', { actor_id: 'usr_3' });
    expect(next.seq).toBe(3);
    expect(await verifyFromCheckpoint(db)).toMatchObject({ ok: true, count: 1, head: { seq: 3 } });
  });

  it('S2 S3: after a pruning, an edit behind the service\'s back is still found, and a plain DELETE is still refused', async () => {
    const db = await harness.open();
    await withPrunableStream(db);
    await consult(db, 2, 1);
    const third = await consult(db, 3, 3);
    await pruneChained(db, 'consultations', { before: third, reason: 'retention' });
    await expect(db.query('DELETE FROM consultations WHERE seq = 5')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query("UPDATE consultations SET actor_id = 'usr_x' WHERE seq = 5")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM prunings')).rejects.toThrow(/append-only: DELETE refused/);
    await db.exec("ALTER TABLE consultations DISABLE TRIGGER consultations_append_only; UPDATE consultations SET actor_id = 'usr_x' WHERE seq = 4;");
    const verdict = await verifyFromCheckpoint(db);
    expect(verdict).toMatchObject({ ok: false, broken: { seq: 4, reason: 'hash-mismatch' } });
  });

  it('S2 S3: deleting the oldest kept entry behind the service\'s back shows as a gap after the checkpoint', async () => {
    const db = await harness.open();
    await withPrunableStream(db);
    await consult(db, 2, 1);
    const third = await consult(db, 2, 3);
    await pruneChained(db, 'consultations', { before: third, reason: 'retention' });
    await db.exec('ALTER TABLE consultations DISABLE TRIGGER consultations_append_only;');
    await db.query('DELETE FROM consultations WHERE seq = 3');
    expect(await verifyFromCheckpoint(db)).toMatchObject({ ok: false, broken: { seq: 4, reason: 'gap' } });
  });
});
