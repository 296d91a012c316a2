import { createServer, connect } from 'node:net';
import { StackError } from './console-progress';

/** Resolves when nothing listens on the port; otherwise throws a StackError naming the port and its owner. */
export async function assertPortFree(port: number, owner: string): Promise<void> {
  const free = await new Promise<boolean>((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
  if (!free) {
    throw new StackError(
      `Port ${port}, needed by ${owner}, is already in use.`,
      `Stop whatever listens on it (see: ss -ltnp 'sport = :${port}'), or stop the other stack first.`,
    );
  }
}

/** True when something accepts TCP connections on the port. */
export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/** Polls until `check` is true or the timeout passes; `describe` names what was awaited in the error. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, describe: string, hint: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
  }
  throw new StackError(`Timed out after ${timeoutMs / 1000} s waiting for ${describe}.`, hint);
}

/** True when an HTTP GET of the URL answers 2xx. */
export async function isHttpHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
