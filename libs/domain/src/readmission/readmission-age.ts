/** Outcome of an age assessment by an authorised officer (R2). */
export type AgeOutcome = 'adult' | 'accompanied-minor' | 'unaccompanied-minor';

/** R2's verdict on an age outcome: may the case go on, or is the person excluded? */
export function ageAllowsReadmission(outcome: AgeOutcome): { allowed: true } | { allowed: false; reason: string } {
  if (outcome === 'unaccompanied-minor') {
    return { allowed: false, reason: 'R2: an unaccompanied minor is excluded from the pilot' };
  }
  return { allowed: true };
}
