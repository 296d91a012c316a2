import type { CheckResult } from '../history-checker';
import type { InvariantResult } from '../invariant-result';

/** The result of one invariant, by id; fails the spec when the checker has no such invariant. */
export function invariantOf(result: CheckResult, id: string): InvariantResult {
  const found = result.invariants.find((invariant) => invariant.id === id);
  if (!found) throw new Error(`the checker reports no invariant ${id}; it reports ${result.invariants.map((invariant) => invariant.id).join(', ')}`);
  return found;
}

/** The ids of the invariants with at least one violation, with their counts: `{ 'movement-capacity': 1 }`. */
export function violated(result: CheckResult): Record<string, number> {
  return Object.fromEntries(result.invariants.filter((invariant) => invariant.violations > 0).map((invariant) => [invariant.id, invariant.violations]));
}
