import type { LegalChallengeKind } from '@oioo/contracts';

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
