import { createHash } from 'node:crypto';

/**
 * Reproducible randomness. Each decision draws from a hash of the seed, the subject and what is being
 * decided, so the same case gets the same fate whatever order events arrive in.
 */
export class SeededRandom {
  constructor(private readonly seed: number) {}

  /** A number in [0, 1) fixed by the seed and the key parts. */
  unit(...key: (string | number)[]): number {
    const digest = createHash('sha256').update(`${this.seed}|${key.join('|')}`).digest();
    return digest.readUInt32BE(0) / 0x1_0000_0000;
  }

  /** True with probability `p`. */
  chance(p: number, ...key: (string | number)[]): boolean {
    return this.unit(...key) < p;
  }

  /** A whole number in [min, max]. */
  between(min: number, max: number, ...key: (string | number)[]): number {
    return min + Math.floor(this.unit(...key) * (max - min + 1));
  }

  /** An exponentially distributed wait with the given mean (a Poisson process's gaps). */
  exponential(mean: number, ...key: (string | number)[]): number {
    return -Math.log(1 - this.unit(...key)) * mean;
  }

  /** An opaque id with the given prefix, fixed by the key. */
  opaqueId(prefix: string, ...key: (string | number)[]): string {
    const digest = createHash('sha256').update(`${this.seed}|id|${key.join('|')}`).digest('hex').toUpperCase();
    return `${prefix}_SIM${digest.slice(0, 20)}`;
  }
}
