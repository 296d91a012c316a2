import { z } from 'zod';

/**
 * S2, S3: where one audit stream's hash chain stood when it was published. Kept outside the database that
 * holds the chain, so a later rewrite of the rows (which has to re-hash everything after the change) no longer
 * matches what was published. Opaque values only: no personal data.
 */
export const auditChainHeadPublishedDataSchema = z.object({
  service: z.enum(['casework', 'legal-review']).describe('The service keeping the stream; the Kafka key is `audit_<service><Stream>` in camel case (`audit_legalReviewDisclosures`).'),
  stream: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/).describe('The audit stream: consultations, operations or decisions (casework); disclosures (legal-review).'),
  seq: z.number().int().min(0).describe('Sequence number of the last entry (0: the stream is empty).'),
  hash: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of that entry: what `npm run ops -- audit verify` must find at that seq.'),
  at: z.iso.datetime({ offset: true }).optional().describe('When that entry was written.'),
  publishedAt: z.iso.datetime({ offset: true }).describe('When the head was read and published.'),
});

/** Data of an audit-chain-head-published event. */
export type AuditChainHeadPublishedData = z.infer<typeof auditChainHeadPublishedDataSchema>;
