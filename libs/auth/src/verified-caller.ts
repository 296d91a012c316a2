import { createHash } from 'node:crypto';
import type { Role } from './roles';

/** A person whose access token was verified: who they are, by the issuer's word, and what they may be. */
export interface PersonCaller {
  kind: 'person';
  /** The token's `sub`, as the issuer gave it. */
  subject: string;
  /** The opaque staff id the workflows record as the actor (`cw_...`): the subject when it has that shape, else derived from issuer and subject. */
  actorId: string;
  /** Display name from the token, for people reading the record; never used to decide anything. */
  name: string;
  roles: Role[];
  /** The team or region whose cases the person works; absent for national roles. */
  team?: string;
}

/** A platform process that authenticated with its client credentials. */
export interface ServiceCaller {
  kind: 'service';
  clientId: string;
}

/** Whoever the guard let through. */
export type VerifiedCaller = PersonCaller | ServiceCaller;

const STAFF_ID = /^cw_[0-9A-Za-z]{10,40}$/;

/**
 * The actor id of a subject. A subject that already is an opaque staff id is kept, so the record shows
 * the id the IdP's administrators know; any other (Entra's, Keycloak's UUIDs) is hashed with its issuer
 * into one, so the workflows' opaque-id rule (S3) holds and two issuers' subjects never collide.
 */
export function actorIdOf(issuer: string, subject: string): string {
  if (STAFF_ID.test(subject)) return subject;
  return `cw_${createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 32)}`;
}
