import { pgliteHarness, postgresHarness, useHarness } from '../test-support/database-harness';
import { type Database } from '../database';
import { appendChained, chainHeadOf, readChain } from './audit-table';
import { verifyChain } from './audit-chain';

/** A chained table as the services declare one (see services/casework/src/migrations/0003_audit_chains.sql). */
async function withChainedTable(db: Database): Promise<void> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS identity;
    CREATE TABLE disclosures (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, actor_id TEXT NOT NULL, tags TEXT[] NOT NULL, detail JSONB NOT NULL, ref BIGINT,
      seq BIGINT UNIQUE, prev_hash TEXT, hash TEXT);
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'append-only: % refused', TG_OP; END $$;
    CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures FOR EACH ROW EXECUTE FUNCTION refuse_change();`);
}

describe.each([pgliteHarness(), postgresHarness()])('appendChained on $driver', (harness) => {
  useHarness(harness);

  it('S2 S3: serialises concurrent appends into one unbroken chain, whatever the column types', async () => {
    const db = await harness.open();
    await withChainedTable(db);
    // On postgres each open() is another pool, like another instance of the service.
    const writers = [db, await harness.open(), await harness.open()];
    await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        appendChained(writers[index % writers.length] as Database, 'disclosures', { actor_id: `usr_${index}`, tags: ['r12', `n${index}`], detail: { z: index, a: { nested: [1, 'two'] } }, ref: index % 2 ? String(index) : null }),
      ),
    );
    const entries = await readChain(db, 'disclosures', { afterSeq: 0, limit: 100 });
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
    const head = await chainHeadOf(db, 'disclosures');
    expect(verifyChain('disclosures', entries)).toEqual({ ok: true, count: 24, head: { seq: 24, hash: head.hash } });
  });

  it('S3: the trigger refuses an UPDATE of a chained row', async () => {
    const db = await harness.open();
    await withChainedTable(db);
    await appendChained(db, 'disclosures', { actor_id: 'usr_1', tags: [], detail: {}, ref: null });
    await expect(db.query("UPDATE disclosures SET actor_id = 'usr_2'")).rejects.toThrow(/append-only: UPDATE refused/);
  });

  it('refuses to set the chain\'s own columns or the time', async () => {
    const db = await harness.open();
    await expect(appendChained(db, 'disclosures', { seq: 7 })).rejects.toThrow(TypeError);
    await expect(appendChained(db, 'disclosures', { at: '2020-01-01T00:00:00.000Z' })).rejects.toThrow(TypeError);
  });
});
