import { z } from 'zod';
import { LEGAL_CHALLENGE_KINDS } from '../legal-vocabulary';
import { caseIdSchema, challengeIdSchema, personIdSchema } from '../ids';

/** A court, tribunal or the NRM registered a challenge that holds the case (R7) and bars transfer while pending (R5). */
export const challengeLodgedDataSchema = z.object({
  challengeId: challengeIdSchema.describe('Opaque id of the challenge; its decision carries the same id.'),
  caseId: caseIdSchema.describe('The readmission case the challenge is about.'),
  personId: personIdSchema.describe('The person who brought it.'),
  kind: z.enum(LEGAL_CHALLENGE_KINDS).describe('Injunction, judicial review with interim relief, human-rights claim, trafficking (NRM) referral, suspensive appeal, age dispute or protection claim.'),
  lodgedAt: z.iso.datetime({ offset: true }).describe('When it was lodged.'),
});

/** A challenge was decided: dismissed or withdrawn releases the hold; upheld sends the case to the domestic process (R7). */
export const challengeDecidedDataSchema = z.object({
  challengeId: challengeIdSchema.describe('The challenge decided.'),
  caseId: caseIdSchema.describe('The readmission case it was about.'),
  outcome: z.enum(['dismissed', 'withdrawn', 'upheld']).describe('Dismissed or withdrawn: the case resumes. Upheld: it leaves the pilot for the domestic process.'),
  decidedAt: z.iso.datetime({ offset: true }).describe('When it was decided.'),
});

/** Data of a challenge-lodged event. */
export type ChallengeLodgedData = z.infer<typeof challengeLodgedDataSchema>;
/** Data of a challenge-decided event. */
export type ChallengeDecidedData = z.infer<typeof challengeDecidedDataSchema>;
