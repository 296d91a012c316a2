/** Grounds on which France may refuse a readmission request (R10). */
export const FRANCE_REFUSAL_GROUNDS = ['out-of-scope', 'insufficient-evidence', 'time-limit-passed', 'public-order-or-security'] as const;

/** One ground of refusal. */
export type FranceRefusalGround = (typeof FRANCE_REFUSAL_GROUNDS)[number];

/** R10: a corrected request is allowed only while R3's 14 days still run. */
export function correctedRequestAllowed(now: Date, requestDeadline: Date): boolean {
  return now.getTime() < requestDeadline.getTime();
}
