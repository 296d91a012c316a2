// Waiting on Temporal visibility: the one place that sees many workflows at once without querying each.
import { type Client } from '@temporalio/client';

/** The instant as visibility queries compare it (RFC 3339). */
export function visibilityTime(at: Date): string {
  return at.toISOString();
}

/**
 * Polls `count(query)` until it reaches `expected`; throws if it passes it (a workflow too many) or
 * nothing moves for `stallMs`. `progress` hears each new count.
 */
export async function waitForCount(client: Client, query: string, expected: number, options: { stallMs?: number; pollMs?: number; progress?: (count: number) => void } = {}): Promise<void> {
  const { stallMs = 120_000, pollMs = 100, progress } = options;
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count > expected) throw new Error(`${count} workflows match ${query}, more than the ${expected} expected`);
    if (count === expected) return;
    if (count !== last) {
      last = count;
      movedAt = Date.now();
      progress?.(count);
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`${count} of ${expected} workflows match ${query}, and none more for ${stallMs / 1000} s`);
    }
    await new Promise((resolvePromise) => setTimeout(resolvePromise, pollMs));
  }
}
