/** What {@link awaitFact} waits for and how. */
export interface AwaitFactOptions<T> {
  /** The fact, once the recorder has seen it. */
  lookup: () => T | undefined;
  /** Whether the case the fact belongs to has ended. */
  hasEnded: () => Promise<boolean>;
  limitMs: number;
  /** How often to look for the fact. */
  pollMs?: number;
  /** How often to ask whether the case has ended. */
  endedCheckMs?: number;
  /** How long to keep looking once the case has ended. */
  afterEndGraceMs?: number;
}

/**
 * Waits for a platform fact, and gives up early once the case it belongs to has ended: an ended case sends
 * nothing more, and in an overloaded run the cases that closed out of time would otherwise each hold one of
 * the driver's slots for the whole wait limit. A fact the case sent just before it closed can reach the
 * recorder a little after the close shows, so the wait lasts a short grace beyond it. Undefined when the fact
 * did not come.
 */
export async function awaitFact<T>(options: AwaitFactOptions<T>): Promise<T | undefined> {
  const { lookup, hasEnded, limitMs, pollMs = 200, endedCheckMs = 5_000, afterEndGraceMs = 5_000 } = options;
  let deadline = Date.now() + limitMs;
  let nextCheck = Date.now() + endedCheckMs;
  let ended = false;
  for (;;) {
    const fact = lookup();
    if (fact !== undefined || Date.now() >= deadline) return fact;
    if (!ended && Date.now() >= nextCheck) {
      nextCheck = Date.now() + endedCheckMs;
      if (await hasEnded()) {
        ended = true;
        deadline = Math.min(deadline, Date.now() + afterEndGraceMs);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
