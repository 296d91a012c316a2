import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a template exactly as captured: two enrolments with the same hash are an exact
 * match. Logs and answers carry enrolment references, never the template or its hash (S3).
 */
export function templateHash(template: string): string {
  return createHash('sha256').update(template, 'utf8').digest('hex');
}
