import { parseConfig } from '@oioo/config';
import { z } from 'zod';

const auditConfigSchema = z.object({
  /** How often the disclosures stream's chain head is published to Kafka (S3); 0 turns publishing off. */
  AUDIT_CHAIN_HEAD_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
});

/** Injection token of {@link LegalReviewAuditConfig}. */
export const LEGAL_REVIEW_AUDIT_CONFIG = Symbol('LEGAL_REVIEW_AUDIT_CONFIG');

/** The legal-review service's audit settings. */
export interface LegalReviewAuditConfig {
  chainHeadIntervalSeconds: number;
}

/** Parses them once at start; a bad value stops the service naming it. */
export function loadLegalReviewAuditConfig(env: NodeJS.ProcessEnv = process.env): LegalReviewAuditConfig {
  return { chainHeadIntervalSeconds: parseConfig('legal-review', auditConfigSchema, env).AUDIT_CHAIN_HEAD_INTERVAL_SECONDS };
}
