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

/** A matter the legal-review service reports as still open for a person. */
export interface PendingMatter {
  kind: LegalChallengeKind;
  reference: string;
}

/** R5's verdict immediately before transfer: clear, or barred with the matters that bar it. */
export type TransferBarVerdict = { clear: true } | { clear: false; reasons: string[] };

/**
 * R5: at the moment of transfer there must be no pending protection claim (none, withdrawn or
 * declared inadmissible), human-rights claim, suspensive appeal, injunction or trafficking decision.
 */
export function assessTransferBars(pending: readonly PendingMatter[]): TransferBarVerdict {
  if (pending.length === 0) return { clear: true };
  return { clear: false, reasons: pending.map((matter) => `R5: pending ${matter.kind} (${matter.reference})`) };
}
