import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

/** Who a route admits. A route without one is refused by the guard: access is never granted by omission. */
export type AccessPolicy =
  | { kind: 'public'; why: string }
  | { kind: 'people'; roles: readonly Role[] }
  | { kind: 'services'; clients: readonly string[] | 'any' };

/** Metadata key under which a route's policy is kept. */
export const ACCESS_POLICY = 'oioo:access-policy';

/** Admits people holding at least one of these roles, with a token for the people's audience. */
export const RolesAllowed = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { kind: 'people', roles } satisfies AccessPolicy);

/** Admits platform processes authenticated with client credentials for the services audience (all of them, or the named clients). */
export const ServicesAllowed = (...clients: string[]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'services', clients: clients.length === 0 ? 'any' : clients } satisfies AccessPolicy);

/** Admits anyone; `why` says in the code why a route may be open (health probes, the OpenAPI document). */
export const PublicRoute = (why: string) => SetMetadata(ACCESS_POLICY, { kind: 'public', why } satisfies AccessPolicy);
