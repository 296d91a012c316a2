/**
 * An agency whose publish is refused (a broker down and the in-sync replicas short of two, a leader moving)
 * sends the same event again, as a producer would after its own retries: same event id, so a write that did
 * land before the error is dropped by the consumers as a duplicate. Gives up after `limitMs` (at most 60 s).
 */
export async function publishWithRetries(publishOnce: () => Promise<void>, limitMs: number): Promise<void> {
  const deadline = Date.now() + Math.min(limitMs, 60_000);
  for (let delayMs = 1_000; ; delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      return await publishOnce();
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
