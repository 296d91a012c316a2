import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from './logger';

/** How long a process keeps trying to reach a dependency (Temporal, Kafka) at start before it gives up. */
export const DEFAULT_CONNECT_WITHIN_MS = 90_000;

/** Settings of {@link connectWithRetry}. */
export interface ConnectRetryOptions {
  /** What is being reached, for the log line of each retry (default `the server`). */
  target?: string;
  /** Give up once this long has passed since the first attempt (default {@link DEFAULT_CONNECT_WITHIN_MS}). */
  withinMs?: number;
  /** Told of each failed attempt before the pause that follows it. */
  onRetry?: (attempt: number, error: Error, delayMs: number) => void;
  /** The pause between attempts (a test's fake clock). */
  sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Opens a connection (to Temporal, to Kafka), trying again with growing pauses (0.5 s doubling to 5 s) while the first
 * attempt is less than `withinMs` old. A process that starts while the server is briefly away (a restart, a
 * rolling upgrade, a node replaced) then waits for it rather than exiting; a server that stays away, or a
 * setting that is wrong, still fails the start, with the last error.
 */
export async function connectWithRetry<T>(connect: () => Promise<T>, options: ConnectRetryOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.withinMs ?? DEFAULT_CONNECT_WITHIN_MS);
  const pause = options.sleep ?? sleep;
  const target = options.target ?? 'the server';
  const onRetry = options.onRetry ?? ((attempt: number, error: Error, delayMs: number) => logRetry(target, attempt, error, delayMs));
  for (let attempt = 1, delayMs = 500; ; attempt += 1, delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      return await connect();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (Date.now() + delayMs > deadline) throw failure;
      onRetry(attempt, failure, delayMs);
      await pause(delayMs);
    }
  }
}

const logger = createLogger('connection');

function logRetry(target: string, attempt: number, error: Error, delayMs: number): void {
  logger.warn(`${target} not reachable yet; trying again`, { attempt, retryInMs: delayMs, error: error.message });
}
