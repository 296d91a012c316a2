/**
 * Memory that forgets its oldest entries beyond a limit, so a simulation left running for weeks keeps a
 * flat footprint. Insertion order decides what goes first; setting a key again does not refresh it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A bounded map needs a limit of at least 1, got ${limit}`);
  }

  /** Number of entries kept. */
  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Keeps the entry, forgetting the oldest one when the limit is reached. */
  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Values, oldest first. */
  values(): V[] {
    return [...this.entries.values()];
  }
}

/** A set of recently seen keys (redelivered events, people already handled), bounded like {@link BoundedMap}. */
export class BoundedSet<K> {
  private readonly seen: BoundedMap<K, true>;

  constructor(limit: number) {
    this.seen = new BoundedMap(limit);
  }

  get size(): number {
    return this.seen.size;
  }

  has(key: K): boolean {
    return this.seen.has(key);
  }

  /** Adds the key; false when it was already there (the caller has handled it before). */
  addIfNew(key: K): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}

/** A list of the most recent values, oldest dropped beyond the limit. */
export class BoundedList<V> {
  private readonly items: V[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A bounded list needs a limit of at least 1, got ${limit}`);
  }

  get length(): number {
    return this.items.length;
  }

  push(value: V): void {
    this.items.push(value);
    if (this.items.length > this.limit) this.items.shift();
  }

  at(index: number): V | undefined {
    return this.items[index];
  }
}
