import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSetupError } from './postgres-command';
import { runSimpleQuery } from './postgres-wire';
import { THROWAWAY_PORT_RANGE, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

const quiet = () => undefined;

describe('startThrowawayPostgres', () => {
  let server: ThrowawayPostgres | undefined;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'oioo-pg-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a server in the throwaway port range with its database, and stop() removes every trace', async () => {
    server = await startThrowawayPostgres({ dataDir, database: 'identity_test', log: quiet });

    expect(server.port).toBeGreaterThanOrEqual(THROWAWAY_PORT_RANGE.first);
    expect(server.port).toBeLessThanOrEqual(THROWAWAY_PORT_RANGE.last);
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/identity_test`);
    const target = { host: '127.0.0.1', port: server.port, user: 'postgres', database: 'identity_test' };
    await expect(runSimpleQuery(target, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1)')).resolves.toBeUndefined();
    await expect(runSimpleQuery(target, 'SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01', message: expect.stringContaining('no_such_table') });

    await server.stop();
    await server.stop();
    expect(existsSync(dataDir)).toBe(false);
    await expect(runSimpleQuery(target, 'SELECT 1', 1000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  }, 60_000);

  it('refuses a data folder that is not empty, leaving it alone', async () => {
    writeFileSync(join(dataDir, 'notes.txt'), 'keep me');
    await expect(startThrowawayPostgres({ dataDir, log: quiet })).rejects.toThrow(new PostgresSetupError(`The throwaway server's data folder ${dataDir} is not empty; give an empty or new folder (it is deleted on stop).`));
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
  });

  it('refuses a requested port that is taken, and cleans up', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolvePromise, reject) => {
      const tryPort = (candidate: number) => {
        blocker.once('error', () => (candidate < THROWAWAY_PORT_RANGE.last ? tryPort(candidate + 1) : reject(new Error('no free port'))));
        blocker.listen({ port: candidate, host: '127.0.0.1', exclusive: true }, () => resolvePromise(candidate));
      };
      tryPort(THROWAWAY_PORT_RANGE.first + 50);
    });
    try {
      await expect(startThrowawayPostgres({ dataDir, port, log: quiet })).rejects.toThrow(`Port ${port} is already in use; choose another or omit the port.`);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await new Promise((resolvePromise) => blocker.close(resolvePromise));
    }
  }, 60_000);

  it('refuses a database name that is not a plain identifier', async () => {
    await expect(startThrowawayPostgres({ dataDir, database: 'oioo; DROP DATABASE postgres', log: quiet })).rejects.toThrow(/Database name .* must match/);
  });
});
