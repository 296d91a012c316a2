import type { HistoryRecord } from '../history';

/** How one invariant fared: how many violations, and up to a few examples (opaque ids only). */
export interface InvariantResult {
  /** A short stable name (`movement-capacity`). */
  id: string;
  /** The domain rule it proves, when there is one (RULES.md). */
  rule?: string;
  /** What holds when there is no violation. */
  title: string;
  violations: number;
  examples: string[];
}

/** Counts an invariant's violations and keeps the first few examples. */
export class Violations {
  private count = 0;
  private readonly kept: string[] = [];

  constructor(
    private readonly definition: Pick<InvariantResult, 'id' | 'rule' | 'title'>,
    private readonly maxExamples: number,
  ) {}

  /** Records one violation; the example is built only while examples are still kept. */
  add(example: string | (() => string)): void {
    this.count += 1;
    if (this.kept.length < this.maxExamples) this.kept.push(typeof example === 'function' ? example() : example);
  }

  /** The invariant's result. */
  result(): InvariantResult {
    return { ...this.definition, violations: this.count, examples: [...this.kept] };
  }
}

/** Settings of a check. */
export interface CheckOptions {
  /** Examples kept per invariant (default 5). */
  maxExamples?: number;
  /** How long after the last fault healed the final state must have been taken to judge stuck cases, in ms (default 120000). */
  settleBoundMs?: number;
}

/** A part of the checker: it sees every record once, in order, then reports one or more invariants. */
export interface InvariantCheck {
  observe(record: HistoryRecord): void;
  results(): InvariantResult[];
}
