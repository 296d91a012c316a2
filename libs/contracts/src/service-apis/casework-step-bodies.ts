import { z } from 'zod';

// Bodies of the casework API's human steps (services/casework), shared with the console. Every one is strict: a field the API does not know, `actor` above
// all, is refused with 400, because the person acting is the verified caller and nobody else.

const text = (max: number) => z.string().trim().min(1).max(max);
const evidence = z.array(text(128)).max(50).default([]).describe('References to evidence held elsewhere (`doc:...`), never the documents themselves');

/** R2: the screening of age and vulnerability by an authorised officer. */
export const screeningBody = z.strictObject({
  age: z.enum(['adult', 'accompanied-minor', 'unaccompanied-minor', 'disputed']),
  vulnerabilities: z.array(text(200)).max(20).default([]),
});

/** R2: the outcome of an age assessment that resolves a dispute. */
export const ageAssessmentBody = z.strictObject({
  outcome: z.enum(['adult', 'accompanied-minor', 'unaccompanied-minor']),
  assessmentReference: text(64),
});

/** Selection for the pilot, with the reason. */
export const selectionBody = z.strictObject({ selected: z.boolean(), reason: text(2000) });

/** Detention under the pilot. */
export const detentionBody = z.strictObject({ facility: text(200) });

/** S1: the first half of the inadmissibility decision. */
export const inadmissibilityProposalBody = z.strictObject({
  decision: z.enum(['inadmissible', 'admissible']),
  reasons: text(4000),
  evidence,
});

/** S1: the second person's approval or sending back, with the reason. */
export const reviewBody = z.strictObject({ approve: z.boolean(), reason: text(4000) });

/** R10: a corrected request to France while R3's 14 days still run. */
export const correctedRequestBody = z.strictObject({ corrections: text(4000) });

/** S1, R8: the first half of removal directions. */
export const removalDirectionsProposalBody = z.strictObject({ reasons: text(4000) });

/** The applicant withdrew, or the EOI is closed before a grant. */
export const withdrawalBody = z.strictObject({ reason: text(2000) });

/** S1: the first half of the decision on an EOI. */
export const decisionProposalBody = z.strictObject({ decision: z.enum(['grant', 'refuse']), reasons: text(4000), evidence });

/** Q6: a grant revoked before it was used. */
export const revocationBody = z.strictObject({ reason: text(2000) });

/** Q4, Q5: a decision on the ledger's intake, with its reason. */
export const ledgerDecisionBody = z.strictObject({ reason: text(2000) });

/** Q5: notice of termination, given at `givenAt` (when absent, the moment the ledger records it, on its own clock). */
export const noticeBody = z.strictObject({ reason: text(2000), givenAt: z.iso.datetime({ offset: true }).optional() });
