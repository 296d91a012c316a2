import { z } from 'zod';
import { caseIdSchema, personIdSchema, subjectIdSchema } from '@oioo/contracts';
import { type AgeOutcome } from '@oioo/domain';

/*
 * HTTP bodies of identity's age-assessment endpoints (R2). They belong in libs/contracts (service-apis)
 * once the gateway or a workflow activity calls them.
 */

/** The outcomes an age assessment can reach (R2). */
export const ageOutcomeSchema = z.enum(['adult', 'accompanied-minor', 'unaccompanied-minor'] as const satisfies readonly AgeOutcome[]);

/** POST /age-assessments: an authorised officer's assessment of a person's age for a case (R2). */
export const recordAgeAssessmentBodySchema = z.object({
  caseId: caseIdSchema,
  personId: personIdSchema,
  outcome: ageOutcomeSchema,
  /** The assessment's own reference, quoted to the case workflow's recordAgeAssessment step. */
  reference: z.string().min(1).max(128),
  /** Opaque id of the authorised officer who assessed (`cw_...`). */
  assessedBy: subjectIdSchema,
  assessedAt: z.iso.datetime({ offset: true }),
  idempotencyKey: z.string().min(8).max(200),
});

/** An age assessment as recorded (S2: never edited afterwards). */
export const ageAssessmentSchema = recordAgeAssessmentBodySchema.omit({ idempotencyKey: true });

/** GET /cases/{caseId}/age-assessments: the assessments recorded for a case, oldest first. */
export const ageAssessmentListSchema = z.object({ assessments: z.array(ageAssessmentSchema) });

/** Body of an age-assessment record call. */
export type RecordAgeAssessmentBody = z.infer<typeof recordAgeAssessmentBodySchema>;
/** A recorded age assessment. */
export type AgeAssessment = z.infer<typeof ageAssessmentSchema>;
