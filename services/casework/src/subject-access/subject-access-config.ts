import { z } from 'zod';
import { type ClientCredentialsConfig, loadClientCredentialsConfig } from '@oioo/auth';
import { parseConfig } from '@oioo/config';

/** Where the casework service gathers a person's data for a subject-access request, and how long it waits. */
export interface SubjectAccessConfig {
  /** The services' base URLs and casework's own client credentials; undefined when a variable is missing (`missing` names them). */
  sources?: { identity: string; legalReview: string; transport: string; credentials: ClientCredentialsConfig };
  /** The variables that are not set, so the route can say what to configure. */
  missing: string[];
  /** The most each source (a service, one case's histories) may take. */
  sourceTimeoutMs: number;
  /** The most the whole request may take, whatever the sources' own timeouts. */
  deadlineMs: number;
}

/** Injection token of the parsed {@link SubjectAccessConfig}. */
export const SUBJECT_ACCESS_CONFIG = Symbol('SUBJECT_ACCESS_CONFIG');

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

const schema = z.object({
  IDENTITY_URL: optionalUrl,
  LEGAL_REVIEW_URL: optionalUrl,
  TRANSPORT_URL: optionalUrl,
  SUBJECT_ACCESS_SOURCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SUBJECT_ACCESS_DEADLINE_MS: z.coerce.number().int().min(100).max(300_000).default(25_000),
});

/**
 * Parses the subject-access variables once at boot: a bad one stops the service naming it. The services' URLs
 * and casework's client (`OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`) are needed only by this route, so a casework
 * without them still starts; the route then refuses with 503, naming what is missing.
 */
export function loadSubjectAccessConfig(env: NodeJS.ProcessEnv = process.env): SubjectAccessConfig {
  const parsed = parseConfig('casework', schema, env);
  const missing = [
    ...(['IDENTITY_URL', 'LEGAL_REVIEW_URL', 'TRANSPORT_URL'] as const).filter((name) => parsed[name] === undefined),
    ...(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => !env[name]),
  ];
  const timeouts = { sourceTimeoutMs: parsed.SUBJECT_ACCESS_SOURCE_TIMEOUT_MS, deadlineMs: parsed.SUBJECT_ACCESS_DEADLINE_MS };
  if (missing.length > 0 || !parsed.IDENTITY_URL || !parsed.LEGAL_REVIEW_URL || !parsed.TRANSPORT_URL) return { missing, ...timeouts };
  return {
    sources: { identity: parsed.IDENTITY_URL, legalReview: parsed.LEGAL_REVIEW_URL, transport: parsed.TRANSPORT_URL, credentials: loadClientCredentialsConfig(env, 'casework') },
    missing,
    ...timeouts,
  };
}
