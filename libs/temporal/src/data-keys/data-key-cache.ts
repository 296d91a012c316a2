/**
 * A bounded map of unwrapped data keys that forgets each entry after `ttlMs`: a key destroyed in the vault
 * stops working in every process within that time, and a busy worker does not ask the vault per payload.
 */
export class DataKeyCache {
  private readonly entries = new Map<string, { key: Buffer; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached key, if still fresh; refreshes its place as most recently used. */
  get(workflowId: string): Buffer | undefined {
    const entry = this.entries.get(workflowId);
    if (entry === undefined) return undefined;
    this.entries.delete(workflowId);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(workflowId, entry);
    return entry.key;
  }

  /** Caches a key, evicting the least recently used one past the bound. */
  set(workflowId: string, key: Buffer): void {
    this.entries.delete(workflowId);
    this.entries.set(workflowId, { key, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Forgets one workflow's key (its destruction was seen). */
  delete(workflowId: string): void {
    this.entries.delete(workflowId);
  }
}
