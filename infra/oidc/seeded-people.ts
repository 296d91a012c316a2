import { ROLES, type Role } from '@oioo/auth';

export { ROLES, type Role };

/** A demonstration person of the local provider: how they sign in and what their tokens say about them. */
export interface SeededPerson {
  /** What they type on the login page. */
  readonly username: string;
  /** Their opaque staff id, the tokens' `sub`; never their name, so logs and case timelines carry no personal data. */
  readonly sub: string;
  /** Display name, the tokens' `name`. */
  readonly name: string;
  readonly roles: readonly Role[];
  /** Their team; absent for national roles. */
  readonly team?: string;
}

/**
 * The one password every seeded person signs in with. The provider is local-only (it binds to 127.0.0.1
 * and is never deployed), so a shared, published password is a convenience, not a secret.
 */
export const LOCAL_PASSWORD = 'pilot-local-only';

/** The shape every staff id has, the same check the casework API applies to `sub`. */
export const STAFF_ID_PATTERN = /^cw_[0-9A-Za-z]{10,40}$/;

/** The people the local provider knows: pairs of caseworkers and seniors per team, and one of each national role. */
export const SEEDED_PEOPLE: readonly SeededPerson[] = [
  { username: 'alice', sub: 'cw_01ALICE0000000000000', name: 'Alice Ashworth', roles: ['caseworker'], team: 'south-east' },
  { username: 'bola', sub: 'cw_01BOLA00000000000000', name: 'Bola Adeyemi', roles: ['senior-caseworker'], team: 'south-east' },
  { username: 'chris', sub: 'cw_01CHRIS0000000000000', name: 'Chris Clarke', roles: ['caseworker'], team: 'north-west' },
  { username: 'dana', sub: 'cw_01DANA00000000000000', name: 'Dana Dimitrova', roles: ['senior-caseworker'], team: 'north-west' },
  { username: 'erin', sub: 'cw_01ERIN00000000000000', name: 'Erin Evans', roles: ['caseworker'], team: 'legal-route' },
  { username: 'femi', sub: 'cw_01FEMI00000000000000', name: 'Femi Fashola', roles: ['senior-caseworker'], team: 'legal-route' },
  { username: 'lina', sub: 'cw_01LINA00000000000000', name: 'Lina Laurent', roles: ['liaison-officer'] },
  { username: 'leo', sub: 'cw_01LEO000000000000000', name: 'Leo Lindqvist', roles: ['ledger-officer'] },
  { username: 'sam', sub: 'cw_01SAM000000000000000', name: 'Sam Sato', roles: ['sre'] },
  { username: 'audrey', sub: 'cw_01AUDREY00000000000', name: 'Audrey Achebe', roles: ['auditor'] },
];

/** The seeded person with this username, if any. */
export function personByUsername(username: string): SeededPerson | undefined {
  return SEEDED_PEOPLE.find((person) => person.username === username);
}

/** The seeded person with this staff id, if any. */
export function personBySub(sub: string): SeededPerson | undefined {
  return SEEDED_PEOPLE.find((person) => person.sub === sub);
}

/** Problems with a list of people (bad staff ids, unknown roles, duplicates); empty when it is sound. The provider refuses to start otherwise. */
export function seedProblems(people: readonly SeededPerson[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const person of people) {
    if (!STAFF_ID_PATTERN.test(person.sub)) problems.push(`${person.username}: sub ${person.sub} does not match ${STAFF_ID_PATTERN}`);
    if (person.roles.length === 0) problems.push(`${person.username}: has no role`);
    for (const role of person.roles) if (!(ROLES as readonly string[]).includes(role)) problems.push(`${person.username}: unknown role ${role}`);
    for (const key of [`username:${person.username}`, `sub:${person.sub}`]) {
      if (seen.has(key)) problems.push(`${person.username}: duplicate ${key}`);
      seen.add(key);
    }
  }
  return problems;
}
