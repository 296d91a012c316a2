import { type TemporalConfig, loadTemporalConfig } from '@oioo/temporal';

/**
 * The real stack's settings, as `npm test` exports them after starting its own Temporal dev server
 * and Kafka broker. Run outside `npm test`, the tests stop with a message saying how to run them.
 */
export function stackEnv(): NodeJS.ProcessEnv {
  if (!process.env['OIOO_STACK'] || !process.env['KAFKA_BROKERS'] || !process.env['TEMPORAL_ADDRESS']) {
    throw new Error('Integration tests run against the real Temporal server and Kafka broker that `npm test` starts: run `npm test`.');
  }
  return process.env;
}

/** The Temporal settings of the running stack. */
export function stackTemporalConfig(): TemporalConfig {
  return loadTemporalConfig(stackEnv());
}

/** A unique opaque id for a test's case or probe, so tests never collide on the shared server and broker. */
export function uniqueOpaqueId(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 10).toUpperCase();
  return `${prefix}_IT${Date.now().toString(36).toUpperCase()}${random}`;
}

/** Polls until `read` returns a value that `accept` takes, or fails after the timeout with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(last)}; last error ${String(lastError)}`);
}
