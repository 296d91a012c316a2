import { z } from 'zod';

/** S2, S3: the hash-chained audit streams the casework service keeps, one append-only table each; `prunings` records every retention checkpoint (S4). */
export const AUDIT_STREAMS = ['consultations', 'operations', 'decisions', 'prunings'] as const;

/** One audit stream. */
export type AuditStream = (typeof AUDIT_STREAMS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

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
