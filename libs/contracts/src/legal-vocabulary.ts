/** Legal matters that bar a transfer while pending (R5) and put a case on hold when lodged (R7). */
export const LEGAL_CHALLENGE_KINDS = [
  'injunction',
  'judicial-review-interim-relief',
  'human-rights-claim',
  'trafficking-referral',
  'suspensive-appeal',
  'age-dispute',
  'protection-claim',
] as const;

/** One kind of legal challenge. */
export type LegalChallengeKind = (typeof LEGAL_CHALLENGE_KINDS)[number];

/** Grounds on which France may refuse a readmission request (R10). */
export const FRANCE_REFUSAL_GROUNDS = ['out-of-scope', 'insufficient-evidence', 'time-limit-passed', 'public-order-or-security'] as const;

/** One ground of refusal. */
export type FranceRefusalGround = (typeof FRANCE_REFUSAL_GROUNDS)[number];
