import { z } from 'zod';

/** S2, S3: the hash-chained audit streams the casework service keeps, one append-only table each; `prunings` records every retention checkpoint (S4). */
export const CASEWORK_AUDIT_STREAMS = ['consultations', 'operations', 'decisions', 'prunings'] as const;

/** S3: the hash-chained audit stream the legal-review service keeps: R12's disclosures to France. */
export const LEGAL_REVIEW_AUDIT_STREAMS = ['disclosures'] as const;

/** S2, S3: every hash-chained audit stream of the platform, whichever service keeps it. */
export const AUDIT_STREAMS = [...CASEWORK_AUDIT_STREAMS, ...LEGAL_REVIEW_AUDIT_STREAMS] as const;

/** One audit stream. */
export type AuditStream = (typeof AUDIT_STREAMS)[number];

/** A service that keeps audit streams and publishes their heads. */
export type AuditKeeper = 'casework' | 'legal-review';

/** Which service keeps (and answers for) each stream. */
export const AUDIT_STREAM_KEEPERS: Readonly<Record<AuditStream, AuditKeeper>> = {
  consultations: 'casework',
  operations: 'casework',
  decisions: 'casework',
  prunings: 'casework',
  disclosures: 'legal-review',
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The query of a page of an audit stream, in chain order. */
export const auditChainQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0).describe('Entries after this sequence number (paging)'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** One entry of a stream as the API returns it: its place, the hash before it, its own hash and the fields hashed. */
export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  prevHash: z.string(),
  hash: z.string(),
  fields: z.record(z.string(), z.unknown()),
});

/** A page of a stream in chain order, with the head at the time of reading (for a deletion at the end to show). */
export const auditChainPageSchema = z.object({
  stream: z.enum(AUDIT_STREAMS),
  head: z.object({ seq: z.number().int().min(0), hash: sha256Hex, at: z.string().optional() }),
  entries: z.array(auditEntrySchema),
  /** S4: the last entry retention pruned (its seq and hash, as recorded in `prunings`); the chain goes on after it. */
  prunedUpTo: z.object({ seq: z.number().int().min(1), hash: sha256Hex }).optional(),
  nextAfter: z.number().int().optional(),
});

/** A page of an audit stream. */
export type AuditChainPage = z.infer<typeof auditChainPageSchema>;
