import { inspect } from 'node:util';
import { type Database } from './database';
import { DatabaseClosedError, TransactionMisuseError } from './database.errors';
import { openPostgresDatabase } from './postgres-database';
import { pgliteHarness, postgresHarness, quietLogger, useHarness } from './test-support/database-harness';

/** Resolves when `release` is called, so a test can hold a transaction open at a chosen point. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release = () => undefined as void;
  const wait = new Promise<void>((resolvePromise) => {
    release = resolvePromise;
  });
  return { wait, release };
}

async function withPeople(db: Database): Promise<void> {
  await db.exec('CREATE SCHEMA IF NOT EXISTS identity; CREATE TABLE people (id text PRIMARY KEY, nationality text); CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0);');
}

// One PGlite and one throwaway server for the whole file.
const postgres = postgresHarness();

describe.each([pgliteHarness(), postgres])('Database on $driver', (harness) => {
  useHarness(harness);

  it('commits a transaction and returns what the callback returned', async () => {
    const db = await harness.open();
    await withPeople(db);

    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO people (id, nationality) VALUES ($1, $2), ($3, $4)', ['per_1', 'FR', 'per_2', 'GB']);
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]?.n;
    });

    expect(result).toBe(2);
    await expect(db.query('SELECT id FROM people ORDER BY id')).resolves.toEqual({ rows: [{ id: 'per_1' }, { id: 'per_2' }], rowCount: 2 });
  });

  it('rolls back when the callback throws, and rethrows that error', async () => {
    const db = await harness.open();
    await withPeople(db);
    const failure = new Error('caseworker step refused');

    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(db.query('SELECT id FROM people')).resolves.toEqual({ rows: [], rowCount: 0 });
  });

  it('rolls back when a statement fails, and stays usable', async () => {
    const db = await harness.open();
    await withPeople(db);

    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']);
        await tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT id FROM people')).resolves.toEqual({ rows: [], rowCount: 0 });
    await expect(db.transaction((tx) => tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']))).resolves.toMatchObject({ rowCount: 1 });
  });

  it('keeps 50 concurrent read-modify-write transactions from losing an update', async () => {
    const db = await harness.open();
    await withPeople(db);

    await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction(async (tx) => {
          const current = (await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1 FOR UPDATE')).rows[0]?.n ?? 0;
          await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [current + 1]);
        }),
      ),
    );

    await expect(db.query('SELECT n FROM counter')).resolves.toMatchObject({ rows: [{ n: 50 }] });
  });

  it('refuses the database itself inside a transaction callback, rather than running outside it or deadlocking', async () => {
    const db = await harness.open();
    await withPeople(db);

    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']);
        await db.query('SELECT count(*) FROM people');
      }),
    ).rejects.toThrow(new TransactionMisuseError("Database.query was called inside a transaction callback; use the callback's tx argument instead"));
    await expect(db.transaction(async () => db.transaction(async () => undefined))).rejects.toThrow(TransactionMisuseError);
    await expect(db.query('SELECT id FROM people')).resolves.toEqual({ rows: [], rowCount: 0 });
  });

  it('refuses a tx used after its transaction ended', async () => {
    const db = await harness.open();
    await withPeople(db);
    const tx = await db.transaction(async (inner) => inner);

    await expect(tx.query('SELECT 1')).rejects.toThrow(/This transaction has already ended/);
    await expect(tx.exec('SELECT 1')).rejects.toThrow(TransactionMisuseError);
  });

  it('counts rows returned or changed, and none for DDL', async () => {
    const db = await harness.open();
    await db.exec('CREATE SCHEMA identity');
    await expect(db.query('CREATE TABLE t (id int)')).resolves.toEqual({ rows: [], rowCount: 0 });
    await expect(db.query('INSERT INTO t VALUES (1), (2), (3)')).resolves.toEqual({ rows: [], rowCount: 3 });
    await expect(db.query('UPDATE t SET id = id + 10 WHERE id > 1')).resolves.toEqual({ rows: [], rowCount: 2 });
    await expect(db.query('SELECT id FROM t ORDER BY id')).resolves.toEqual({ rows: [{ id: 1 }, { id: 12 }, { id: 13 }], rowCount: 3 });
    await expect(db.query('DELETE FROM t')).resolves.toEqual({ rows: [], rowCount: 3 });
  });

  it('returns the same JavaScript types on both drivers', async () => {
    const db = await harness.open();
    const { rows } = await db.query(
      `SELECT 7::int4 AS int4, 9007199254740993::int8 AS int8, 1.50::numeric AS numeric, 2.5::float8 AS float8, true AS bool, 'x'::text AS text,
              '2025-09-01T03:12:00Z'::timestamptz AS timestamptz, '2025-09-01'::date AS date, '2025-09-01 03:12:00'::timestamp AS timestamp,
              '{"a":[1]}'::jsonb AS jsonb, '\\x0102'::bytea AS bytea, '6f1e5a3c-1111-4a4a-8b8b-2c2c2c2c2c2c'::uuid AS uuid,
              ARRAY['a','b'] AS text_array, ARRAY[1,2]::int8[] AS int8_array, ARRAY['2025-09-01'::date] AS date_array, ARRAY[1.5]::numeric[] AS numeric_array,
              NULL::text AS nothing`,
    );
    expect(rows[0]).toEqual({
      int4: 7,
      int8: '9007199254740993',
      numeric: '1.50',
      float8: 2.5,
      bool: true,
      text: 'x',
      timestamptz: new Date('2025-09-01T03:12:00Z'),
      date: '2025-09-01',
      timestamp: '2025-09-01 03:12:00',
      jsonb: { a: [1] },
      bytea: Buffer.from([1, 2]),
      uuid: '6f1e5a3c-1111-4a4a-8b8b-2c2c2c2c2c2c',
      text_array: ['a', 'b'],
      int8_array: ['1', '2'],
      date_array: ['2025-09-01'],
      numeric_array: ['1.5'],
      nothing: null,
    });
    expect(Buffer.isBuffer(rows[0]?.['bytea'])).toBe(true);
    const echoed = await db.query('SELECT $1::int8 AS int8, $2::date AS date, $3::bytea AS bytea, $4::jsonb AS jsonb, $5::timestamptz AS at', [
      '9007199254740993',
      '2025-09-01',
      Buffer.from([3]),
      JSON.stringify({ b: true }),
      new Date('2025-09-01T03:12:00Z'),
    ]);
    expect(echoed.rows[0]).toEqual({ int8: '9007199254740993', date: '2025-09-01', bytea: Buffer.from([3]), jsonb: { b: true }, at: new Date('2025-09-01T03:12:00Z') });
  });

  it('keeps parameter values out of errors, which may be logged', async () => {
    const db = await harness.open();
    const error: unknown = await db.query('INSERT INTO no_such_table VALUES ($1)', ['Jean Dupont']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: '42P01' });
    expect(inspect(error, { depth: 5 })).not.toContain('Jean Dupont');
  });

  it('uses the service schema for unqualified names', async () => {
    const db = await harness.open('legal_review');
    expect(db).toMatchObject({ name: 'database', driver: harness.driver, schema: 'legal_review' });
    await db.exec('CREATE SCHEMA legal_review; CREATE TABLE reviews (id text)');
    await expect(db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'reviews'`)).resolves.toMatchObject({ rows: [{ table_schema: 'legal_review' }] });
  });

  it('lets a migration create pg_trgm and a trigram index in the service schema, as identity does', async () => {
    const db = await harness.open();
    await db.exec(
      'CREATE SCHEMA IF NOT EXISTS identity; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE samples (id text PRIMARY KEY, body text); CREATE INDEX samples_body ON samples USING gin (body gin_trgm_ops);',
    );
    await db.query('INSERT INTO samples VALUES ($1, $2), ($3, $4)', ['s1', 'tpl-3f9a1c7e5b2d', 's2', 'zzz-000000000000']);

    await expect(db.query('SELECT id FROM samples WHERE body % $1', ['tpl-3f9a1c7e5b2e'])).resolves.toEqual({ rows: [{ id: 's1' }], rowCount: 1 });
  });

  it('reports health, and refuses work once closed', async () => {
    const db = await harness.open();
    await expect(db.isHealthy()).resolves.toBe(true);
    await db.close();
    await db.close();
    await expect(db.isHealthy()).resolves.toBe(false);
    await expect(db.query('SELECT 1')).rejects.toThrow(DatabaseClosedError);
    await expect(db.transaction(async () => undefined)).rejects.toThrow('The identity database connection is closed');
  });

  if (harness.driver === 'pglite') {
    describe('with one connection', () => {
      it('serialises transactions, so even a read-modify-write without row locks loses nothing', async () => {
        const db = await harness.open();
        await withPeople(db);

        await Promise.all(
          Array.from({ length: 50 }, () =>
            db.transaction(async (tx) => {
              const current = (await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1')).rows[0]?.n ?? 0;
              // Yield to the event loop: an unserialised implementation would let another transaction's statements in here.
              await new Promise((resolvePromise) => setImmediate(resolvePromise));
              await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [current + 1]);
            }),
          ),
        );

        await expect(db.query('SELECT n FROM counter')).resolves.toMatchObject({ rows: [{ n: 50 }] });
      });

      it('makes a plain query wait for an open transaction instead of running inside it', async () => {
        const db = await harness.open();
        await withPeople(db);
        const held = gate();
        const entered = gate();

        const transaction = db.transaction(async (tx) => {
          await tx.query('INSERT INTO people (id) VALUES ($1)', ['per_1']);
          entered.release();
          await held.wait;
          throw new Error('abandon');
        });
        await entered.wait;
        const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
        held.release();

        await expect(transaction).rejects.toThrow('abandon');
        // Had it run inside the open transaction it would have counted the uncommitted row.
        await expect(outside).resolves.toMatchObject({ rows: [{ n: 0 }] });
      });
    });
  } else {
    describe('with a pool', () => {
      it('runs transactions on separate connections at the same time', async () => {
        const db = await harness.open();
        await withPeople(db);
        const bothInside = { count: 0 };
        const allIn = gate();

        const pids = await Promise.all(
          [1, 2].map(() =>
            db.transaction(async (tx) => {
              bothInside.count += 1;
              if (bothInside.count === 2) allIn.release();
              await allIn.wait;
              return (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
            }),
          ),
        );

        expect(new Set(pids).size).toBe(2);
      });

      it('keeps the options already in DATABASE_URL and adds the search_path', async () => {
        const url = `${await postgres.databaseUrl()}?options=${encodeURIComponent('-c statement_timeout=1234')}`;
        const db = await openPostgresDatabase({ schema: 'transport', url, poolMax: 2, logger: quietLogger });
        try {
          await expect(db.query('SELECT current_setting($1) AS timeout, current_setting($2) AS path', ['statement_timeout', 'search_path'])).resolves.toMatchObject({
            rows: [{ timeout: '1234ms', path: 'transport' }],
          });
        } finally {
          await db.close();
        }
      });

      it('names the server but never the password when it cannot connect', async () => {
        const failure = openPostgresDatabase({ schema: 'identity', url: 'postgres://identity:hunter2@127.0.0.1:9/oioo', poolMax: 1, logger: quietLogger });
        await expect(failure).rejects.toThrow(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:9\/oioo: /);
        await expect(failure).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
      });
    });
  }
});
