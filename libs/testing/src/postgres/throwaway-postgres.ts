import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ensurePostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { PostgresSetupError, asUser, findUser, isRoot, runCommand, tail, type ServiceUser } from './postgres-command';
import { runSimpleQuery, waitForPostgres } from './postgres-wire';

/** Options of {@link startThrowawayPostgres}. */
export interface ThrowawayPostgresOptions {
  /** Folder for the cluster and its log; must be absent or empty, and is deleted by `stop()`. */
  dataDir: string;
  /** Loopback port; when absent the first free one in 25400–25499 is used. */
  port?: number;
  /** Database created for the caller (default `oioo`). */
  database?: string;
  /** Receives progress lines (default: stdout with a `[postgres]` prefix). */
  log?: (line: string) => void;
  /** Use these binaries instead of finding (or installing) them. */
  binaries?: PostgresBinaries;
}

/** A running throwaway server. */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`, trust authentication. */
  url: string;
  port: number;
  database: string;
  /** Stops the server and deletes its data folder; safe to call twice. */
  stop(): Promise<void>;
}

/** Ports the platform's tests and scripts use for throwaway servers. */
export const THROWAWAY_PORT_RANGE = { first: 25400, last: 25499 } as const;

const SUPERUSER = 'postgres';
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Starts a disposable PostgreSQL on 127.0.0.1 for tests and local runs: initdb into `dataDir`, settings
 * tuned for speed over durability (fsync off), start, wait until it answers a query, create the database.
 * PostgreSQL refuses to run as root, so a root process runs the server as the `postgres` user.
 */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions): Promise<ThrowawayPostgres> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[postgres] ${line}\n`));
  const database = options.database ?? 'oioo';
  if (!DATABASE_NAME.test(database)) throw new PostgresSetupError(`Database name ${JSON.stringify(database)} must match ${DATABASE_NAME}`);
  const binaries = options.binaries ?? (await ensurePostgresBinaries({ log }));
  const dataDir = resolve(options.dataDir);
  const owner = isRoot() ? serverUser() : undefined;
  prepareDataDir(dataDir, owner);

  const cluster = join(dataDir, 'pgdata');
  const logFile = join(dataDir, 'postgres.log');
  const run = (command: string, args: string[]) => {
    const line = owner ? asUser(owner.name, command, args) : { command, args };
    // The server user may not be allowed into the caller's working folder.
    return runCommand(line.command, line.args, { cwd: dataDir });
  };
  const started = Date.now();
  let running = false;
  const stopNow = async () => {
    if (running) await run(binaries.pgCtl, ['stop', '-D', cluster, '-m', 'immediate', '-w']).catch(() => undefined);
    running = false;
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A last resort when the process exits without stop(): synchronous, because 'exit' handlers cannot await.
  const onExit = () => {
    if (!running) return;
    const line = owner ? asUser(owner.name, binaries.pgCtl, ['stop', '-D', cluster, '-m', 'immediate']) : { command: binaries.pgCtl, args: ['stop', '-D', cluster, '-m', 'immediate'] };
    try {
      execFileSync(line.command, line.args, { stdio: 'ignore', cwd: dataDir, timeout: 10_000 });
    } catch {
      // The server may already be gone; deleting its folder is all that is left to do.
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await run(binaries.initdb, ['-D', cluster, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    appendFileSync(join(cluster, 'postgresql.conf'), SERVER_SETTINGS);
    const port = await startOnFreePort(options.port, async (candidate) => {
      try {
        await run(binaries.pgCtl, ['start', '-D', cluster, '-l', logFile, '-w', '-t', '60', '-o', `-p ${candidate}`]);
        running = true;
        return 'started';
      } catch (error) {
        const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        if (/could not bind|Address already in use/i.test(serverLog)) return 'port-taken';
        throw new PostgresSetupError(`${(error as Error).message}\nServer log (${logFile}):\n${tail(serverLog, 20)}`);
      }
    });
    process.once('exit', onExit);
    const target = { host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' };
    await waitForPostgres(target, 30_000);
    await runSimpleQuery(target, `CREATE DATABASE ${database}`);
    log(`PostgreSQL ${binaries.majorVersion} ready on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    let stopping: Promise<void> | undefined;
    return {
      url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
      port,
      database,
      stop: () => {
        stopping ??= (async () => {
          process.removeListener('exit', onExit);
          if (running) {
            await run(binaries.pgCtl, ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '30']).catch(() => run(binaries.pgCtl, ['stop', '-D', cluster, '-m', 'immediate', '-w']));
            running = false;
          }
          rmSync(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (error) {
    process.removeListener('exit', onExit);
    await stopNow();
    throw error;
  }
}

/** Durability traded for speed: the data is thrown away anyway. No Unix socket, so no socket folder is needed. */
const SERVER_SETTINGS = `
# Throwaway server (startThrowawayPostgres): speed over durability, loopback TCP only.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 100
`;

function serverUser(): ServiceUser {
  const user = findUser(SUPERUSER);
  if (!user) {
    throw new PostgresSetupError(
      `This process runs as root, and PostgreSQL refuses to: the server runs as the "${SUPERUSER}" user, which does not exist. ` +
        `Create it (useradd --system --create-home ${SUPERUSER}) or run as a non-root user.`,
    );
  }
  return user;
}

function prepareDataDir(dataDir: string, owner: ServiceUser | undefined): void {
  // stop() deletes the folder, so it must not hold anything of someone else's.
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new PostgresSetupError(`The throwaway server's data folder ${dataDir} is not empty; give an empty or new folder (it is deleted on stop).`);
  }
  mkdirSync(dataDir, { recursive: true });
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
}

/**
 * Starts on the requested port, or on the first free one in the throwaway range. Probing first skips
 * ports in use; a port taken between the probe and the start (another test worker) moves on to the next.
 */
async function startOnFreePort(requested: number | undefined, start: (port: number) => Promise<'started' | 'port-taken'>): Promise<number> {
  const { first, last } = THROWAWAY_PORT_RANGE;
  const size = last - first + 1;
  const offset = Math.floor(Math.random() * size);
  const candidates = requested !== undefined ? [requested] : Array.from({ length: size }, (_, index) => first + ((offset + index) % size));
  for (const port of candidates) {
    if (!(await isPortFree(port))) continue;
    if ((await start(port)) === 'started') return port;
  }
  throw new PostgresSetupError(
    requested !== undefined ? `Port ${requested} is already in use; choose another or omit the port.` : `No free port in ${first}–${last} for a throwaway PostgreSQL.`,
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
}
