/**
 * A small seeded pseudo-random generator (mulberry32: 32 bits of state, fast, good enough for simulation,
 * not for secrets). The workload draws every choice from one of these, so a seed replays a run exactly.
 * `fork` derives an independent stream for a sub-key, so one case's fate does not depend on how many
 * numbers were drawn for the cases before it.
 */
export class SeededPrng {
  private state: number;
  /** The seed the stream was created with, kept so forks do not depend on how far this one has run. */
  private readonly origin: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
    this.origin = this.state;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A real number in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick needs at least one item');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An exponentially distributed value with the given mean (the gaps of a Poisson process). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A Poisson-distributed count with the given mean (Knuth's method below 30, a rounded normal above). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; product *= this.next()) count += 1;
    return count;
  }

  /** A standard normal value (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), Number.EPSILON);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A version-4-shaped UUID made from this stream, so event ids replay with the seed. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.next() * 0x1_0000_0000).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** An opaque id (`case_...`, `per_...`) of 20 upper-case letters and digits: no personal data, the shape the contracts accept. */
  opaqueId(prefix: string): string {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let body = '';
    for (let i = 0; i < 20; i += 1) body += alphabet.charAt(Math.floor(this.next() * alphabet.length));
    return `${prefix}_${body}`;
  }

  /** An independent stream for a sub-key (a case's number, say), fixed by this stream's seed and the key. */
  fork(...key: (string | number)[]): SeededPrng {
    return new SeededPrng(hash32(`${this.origin}|${key.join('|')}`));
  }
}

/** FNV-1a of a string, then a final avalanche, as a 32-bit seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
