/**
 * Remembers which person read which case through the codec recently, so one look at a workflow page (the
 * Web UI sends a decode request per event) is one entry in the consultation log rather than dozens.
 * In memory: a second instance, or a restart, records the look again, which errs on the side of the log.
 */
export class ConsultationWindow {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when this look should be recorded (none recorded for this person and case within the window), and marks it recorded. */
  shouldRecord(actorId: string, workflowId: string): boolean {
    const now = this.now();
    if (this.seen.size > 10_000) for (const [key, at] of this.seen) if (now - at >= this.windowMs) this.seen.delete(key);
    const key = `${actorId}\n${workflowId}`;
    const last = this.seen.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.seen.set(key, now);
    return true;
  }

  /** Forgets a mark, so a look whose recording failed is recorded next time. */
  forget(actorId: string, workflowId: string): void {
    this.seen.delete(`${actorId}\n${workflowId}`);
  }
}
