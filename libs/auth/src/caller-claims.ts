import type { JWTPayload } from 'jose';
import type { AuthConfig } from './auth-config';
import { isRole } from './roles';
import { type PersonCaller, type ServiceCaller, actorIdOf } from './verified-caller';

/** Reads a claim at a dotted path (`realm_access.roles`). */
function claimAt(claims: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);
}

/** The person a verified token speaks for; roles the platform does not know are dropped, so they grant nothing. */
export function personFromClaims(claims: JWTPayload & { sub: string }, config: Pick<AuthConfig, 'issuer' | 'rolesClaim' | 'teamClaim'>): PersonCaller {
  const rawRoles = claimAt(claims, config.rolesClaim);
  const roles = (Array.isArray(rawRoles) ? rawRoles : typeof rawRoles === 'string' ? rawRoles.split(' ') : []).filter(isRole);
  const team = claimAt(claims, config.teamClaim);
  const name = typeof claims['name'] === 'string' && claims['name'].length > 0 ? claims['name'] : claims.sub;
  return {
    kind: 'person',
    subject: claims.sub,
    actorId: actorIdOf(config.issuer, claims.sub),
    name,
    roles: [...new Set(roles)],
    ...(typeof team === 'string' && team.length > 0 ? { team } : {}),
  };
}

/** The platform process a verified client-credentials token speaks for (RFC 9068's `client_id`, else the subject). */
export function serviceFromClaims(claims: JWTPayload & { sub: string }): ServiceCaller {
  const clientId = typeof claims['client_id'] === 'string' ? claims['client_id'] : claims.sub;
  return { kind: 'service', clientId };
}
