import type { PersonCaller, Role } from '@oioo/auth';

/** A case as access control sees it: its kind and the team it was given at intake. */
export interface CaseScope {
  kind: 'readmission' | 'eoi';
  team?: string;
}

/** How much of a case a person may see: all of it (and the read is logged, S3), or its state and deadlines only. */
export type CaseVisibility = 'full' | 'redacted';

/**
 * Whether one role reaches one case (BOLA). Caseworkers and senior caseworkers work their own team's
 * cases only; liaison officers are national and France-facing, so they reach every readmission case
 * and no EOI; SREs and auditors read every case; ledger officers none.
 */
function roleReaches(role: Role, caller: PersonCaller, scope: CaseScope): boolean {
  switch (role) {
    case 'caseworker':
    case 'senior-caseworker':
      return caller.team !== undefined && scope.team === caller.team;
    case 'liaison-officer':
      return scope.kind === 'readmission';
    case 'sre':
    case 'auditor':
      return true;
    case 'ledger-officer':
      return false;
  }
}

/** The caller's roles, among `allowed`, that reach this case; none means the case is out of their reach. */
export function rolesReaching(caller: PersonCaller, scope: CaseScope, allowed: readonly Role[]): Role[] {
  return caller.roles.filter((role) => allowed.includes(role) && roleReaches(role, caller, scope));
}

/** What the caller sees of a case they reach: the SRE role alone sees no personal data. */
export function visibilityFor(reaching: readonly Role[]): CaseVisibility {
  return reaching.some((role) => role !== 'sre') ? 'full' : 'redacted';
}

/** Auditors read with a stated purpose (S3); everyone else reads for their casework. */
export function needsPurpose(reaching: readonly Role[]): boolean {
  return reaching.length > 0 && reaching.every((role) => role === 'auditor');
}

/** The teams whose queues a caller may list: their own for team roles, any for national ones (`undefined`: every team). */
export function queueTeams(caller: PersonCaller, requested?: string): { teams: 'all' | string[]; national: boolean } {
  const national = caller.roles.some((role) => role === 'liaison-officer' || role === 'sre' || role === 'auditor');
  if (national) return { teams: requested ? [requested] : 'all', national };
  return { teams: caller.team ? [caller.team] : [], national };
}
