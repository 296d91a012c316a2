import { createRequire } from 'node:module';

/** The members of kafkajs's internal `RequestQueue` (one per broker connection) the fix reads and replaces. */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** The kafkajs release whose `RequestQueue` this fix was written against (its spec fails on any other). */
export const KAFKAJS_VERSION_FIXED = '2.2.4';

/** How soon kafkajs looks again at requests held back only by its in-flight limit (its own constant). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

let installed = false;

/**
 * Stops kafkajs's idle busy loop (tulios/kafkajs#1556, #1704, unfixed in 2.2.4): after every check of its
 * pending requests, each broker connection's queue schedules the next check at `throttledUntil - now`, which
 * is negative when nothing was ever throttled, so a 1 ms timer runs for the life of every connection, pending
 * requests or not. It cost each process about 5% of a core at rest, and every process here holds several
 * connections. The replacement schedules a check only while requests wait: at the end of a broker's throttle,
 * or soon when they wait on the in-flight limit; a request pushed later schedules its own check. Idempotent.
 */
export function fixKafkaJsIdleLoop(): void {
  if (installed) return;
  const load = createRequire(__filename);
  const version = (load('kafkajs/package.json') as { version: string }).version;
  if (version !== KAFKAJS_VERSION_FIXED) return;
  const RequestQueue = load('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
  installed = true;
}
