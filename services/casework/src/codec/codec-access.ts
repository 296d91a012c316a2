import type { PersonCaller, Role } from '@oioo/auth';
import { type CaseScope, rolesReaching, visibilityFor } from '../access/case-access';

/**
 * Who may ask the codec to decode: the people who read cases in their work. Auditors are not among them:
 * they read personal data only with a stated purpose (S3), which the codec-server protocol cannot carry,
 * so they read cases through the API. Ledger officers work on no case.
 */
export const DECODE_ROLES: readonly Role[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'sre'];

/**
 * Who may ask the codec to encode inputs (the Web UI's and CLI's signal, update and start inputs): SREs only.
 * People act on cases through the casework API, where the actor is the verified caller and four eyes hold;
 * an input encoded here goes to the workflow as it is written, so a caseworker could name any actor in it.
 * Operators need it for operational signals. Anyone who may decode may "encode" nothing at all: the CLI
 * and the UI send a query's empty argument list through the codec before every query.
 */
export const ENCODE_ROLES: readonly Role[] = ['sre'];

/** Whether the caller may have these many payloads encoded. */
export function mayEncode(caller: PersonCaller, payloadCount: number): boolean {
  return payloadCount === 0 || caller.roles.some((role) => ENCODE_ROLES.includes(role));
}

/** What one payload's reader gets: nothing decoded, its non-personal fields, or all of it. */
export type PayloadDisclosure = 'none' | 'redacted' | 'full';

/**
 * What `caller` may see of a payload whose owning case is `scope` (undefined: no owner recorded, or not a
 * case: a probe, the ledger, a payload written before owners were recorded). Without a case to check a
 * team against, the most anyone sees is the redacted form.
 */
export function disclosureFor(caller: PersonCaller, scope: CaseScope | undefined): PayloadDisclosure {
  if (scope === undefined) return caller.roles.some((role) => DECODE_ROLES.includes(role)) ? 'redacted' : 'none';
  const reaching = rolesReaching(caller, scope, DECODE_ROLES);
  if (reaching.length === 0) return 'none';
  return visibilityFor(reaching);
}
