import { connect } from 'node:net';

/** A server and login for {@link runSimpleQuery}; only trust authentication is supported. */
export interface WireTarget {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** The server answered with an error, or the connection failed; `code` is the SQLSTATE or the socket error code. */
export class PostgresWireError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PostgresWireError';
  }
}

const PROTOCOL_3_0 = 196608;

/**
 * Logs in and runs one statement over PostgreSQL's simple query protocol, then disconnects. Just
 * enough of the wire protocol to probe and prepare a throwaway server with node built-ins only.
 */
export function runSimpleQuery(target: WireTarget, sql: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    let buffered = Buffer.alloc(0);
    let phase: 'startup' | 'query' = 'startup';
    let failure: PostgresWireError | undefined;
    let settled = false;
    const finish = (error?: PostgresWireError) => {
      if (settled) return;
      settled = true;
      if (!socket.destroyed) socket.end(message('X', Buffer.alloc(0)));
      if (error) reject(error);
      else resolvePromise();
    };
    socket.setTimeout(timeoutMs, () => {
      finish(new PostgresWireError(`No answer from ${target.host}:${target.port} within ${timeoutMs} ms`, 'ETIMEDOUT'));
      socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new PostgresWireError(`Cannot connect to ${target.host}:${target.port}: ${error.message}`, error.code)));
    socket.on('close', () => finish(new PostgresWireError(`${target.host}:${target.port} closed the connection`, 'ECONNRESET')));
    socket.on('connect', () => socket.write(startupMessage(target)));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 5) {
        const length = buffered.readInt32BE(1);
        if (buffered.length < length + 1) break;
        const type = String.fromCharCode(buffered[0] ?? 0);
        const body = buffered.subarray(5, length + 1);
        buffered = buffered.subarray(length + 1);
        if (type === 'E') {
          failure = errorFrom(body);
          // An error during login ends the session; the server sends no ReadyForQuery.
          if (phase === 'startup') return finish(failure);
        } else if (type === 'R' && body.readInt32BE(0) !== 0) {
          return finish(new PostgresWireError(`${target.host}:${target.port} asks for a password (authentication method ${body.readInt32BE(0)}); only trust is supported`, '28000'));
        } else if (type === 'Z') {
          if (phase === 'query') return finish(failure);
          phase = 'query';
          socket.write(message('Q', Buffer.from(`${sql}\0`, 'utf8')));
        }
      }
    });
  });
}

/** Polls with `SELECT 1` until the server accepts a login and answers, or throws the last error after the timeout. */
export async function waitForPostgres(target: WireTarget, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await runSimpleQuery(target, 'SELECT 1', Math.max(500, Math.min(5000, deadline - Date.now())));
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new PostgresWireError(`PostgreSQL on ${target.host}:${target.port} did not accept connections within ${timeoutMs} ms: ${(error as Error).message}`, (error as PostgresWireError).code);
      }
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
    }
  }
}

function startupMessage(target: WireTarget): Buffer {
  const parameters = Buffer.from(`user\0${target.user}\0database\0${target.database}\0\0`, 'utf8');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + parameters.length, 0);
  header.writeInt32BE(PROTOCOL_3_0, 4);
  return Buffer.concat([header, parameters]);
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/** Reads an ErrorResponse: one-letter field codes, each followed by a C string; S severity, C SQLSTATE, M message. */
function errorFrom(body: Buffer): PostgresWireError {
  const fields = new Map<string, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const end = body.indexOf(0, offset + 1);
    fields.set(String.fromCharCode(body[offset] ?? 0), body.toString('utf8', offset + 1, end));
    offset = end + 1;
  }
  return new PostgresWireError(`${fields.get('S') ?? 'ERROR'}: ${fields.get('M') ?? 'unknown error'}`, fields.get('C'));
}
