import { z } from 'zod';
import { caseIdSchema, personIdSchema } from '@oioo/contracts';

/*
 * HTTP bodies of POST /register-checks, the check the legal route makes before an EOI goes further (E4).
 * They belong in libs/contracts (service-apis) beside the other service APIs once the EOI workflow calls them.
 */

/** The registers a check searches. */
export const registerNameSchema = z.enum(['returns', 'irregular-entries']);

/** POST /register-checks: a biometric template to look for in the registers; sent in a body, never in a URL (S3). */
export const registerCheckBodySchema = z.object({
  template: z.string().min(8).max(4096),
});

/** Answer: whether the template matches a returned person (R11) or a recorded irregular entry (E4), and the entries it matched. */
export const registerCheckResponseSchema = z.object({
  returned: z.boolean(),
  irregularEntry: z.boolean(),
  matches: z.array(
    z.object({
      personId: personIdSchema,
      caseId: caseIdSchema,
      /** 1 for an exact match, otherwise the similarity score at or above the threshold. */
      score: z.number().min(0).max(1),
      register: registerNameSchema,
    }),
  ),
});

/** Body of a register check. */
export type RegisterCheckBody = z.infer<typeof registerCheckBodySchema>;
/** Answer of a register check. */
export type RegisterCheckResponse = z.infer<typeof registerCheckResponseSchema>;
