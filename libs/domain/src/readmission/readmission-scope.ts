/** What R1 needs to know about an arrival to decide whether it is in scope. */
export interface ArrivalScopeFacts {
  /** ISO 3166 alpha-2 code of the country the boat left from. */
  departedFrom: string;
  /** How many pieces of crossing evidence the UK holds. */
  crossingEvidenceCount: number;
}

/** R1's verdict: in scope, or excluded with a reason a caseworker can read. */
export type ScopeVerdict = { inScope: true } | { inScope: false; reason: string };

/** R1: only a crossing straight from France, with evidence of it, is in the pilot's scope. */
export function assessArrivalScope(facts: ArrivalScopeFacts): ScopeVerdict {
  if (facts.departedFrom.toUpperCase() !== 'FR') {
    return { inScope: false, reason: `R1: the crossing did not start in France (departed from ${facts.departedFrom.toUpperCase()})` };
  }
  if (facts.crossingEvidenceCount === 0) {
    return { inScope: false, reason: 'R1: no evidence of the crossing and of direct arrival from France' };
  }
  return { inScope: true };
}
