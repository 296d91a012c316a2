/**
 * The roles of the people who work cases, as the identity provider names them in the access token.
 * What each may do is declared route by route (`@RolesAllowed`); a role grants nothing by itself.
 */
export const ROLES = ['caseworker', 'senior-caseworker', 'liaison-officer', 'ledger-officer', 'sre', 'auditor'] as const;

/** One role of a person. */
export type Role = (typeof ROLES)[number];

/** True when the value is one of the platform's roles (the provider may send others, which grant nothing). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
