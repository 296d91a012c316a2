// eslint-disable-next-line @nx/enforce-module-boundaries -- which team a case belongs to is identity's rule; the chaos driver must seat the same people.
import { DEFAULT_READMISSION_TEAMS, teamFor } from '@oioo/identity';
import { type StepAction } from '../workload';

/** The seeded people of each readmission team (infra/oidc/seeded-people.ts): a caseworker who proposes, a senior who approves. */
const READMISSION_TEAMS: Readonly<Record<string, { proposer: string; approver: string }>> = {
  'south-east': { proposer: 'alice', approver: 'bola' },
  'north-west': { proposer: 'chris', approver: 'dana' },
};
/** The legal-route team takes every EOI decision. */
const LEGAL_ROUTE_TEAM = { proposer: 'erin', approver: 'femi' };
/** The one liaison officer (national role, no team). */
const LIAISON_OFFICER = 'lina';

/**
 * The seeded person who takes a step: the liaison officer for a liaison step, otherwise the person in the
 * step's seat in the case's team (identity shares readmission cases out between teams by a hash of the case
 * id). S1: the proposer and the approver of a team are always two different people.
 */
export function seatHolder(action: Pick<StepAction, 'role' | 'seat' | 'flow'>): string {
  if (action.role === 'liaison-officer') return LIAISON_OFFICER;
  const team = action.flow.kind === 'eoi' ? LEGAL_ROUTE_TEAM : READMISSION_TEAMS[teamFor(action.flow.id, DEFAULT_READMISSION_TEAMS)];
  if (!team) throw new Error(`no seeded team takes readmission case ${action.flow.id}`);
  return action.seat === 'approver' ? team.approver : team.proposer;
}
