// eslint-disable-next-line @nx/enforce-module-boundaries -- which team a case belongs to is identity's rule; the chaos driver must seat the same people.
import { DEFAULT_READMISSION_TEAMS, teamFor } from '@oioo/identity';
import { personByUsername } from '../../oidc';
import { generateWorkload } from '../workload';
import { seatHolder } from './seat-holders';

describe('seatHolder', () => {
  const steps = [...generateWorkload({ seed: 11, days: 3, arrivalsPerDay: 200, burstProbability: 0, eoisPerDay: 20 })].filter((action) => action.kind === 'step');

  it('S1: the two halves of every four-eyes decision of a case are taken by two different people of its team', () => {
    const byCase = new Map<string, Set<string>>();
    for (const action of steps) {
      if (action.role === 'liaison-officer') continue;
      const people = byCase.get(action.flow.id) ?? new Set<string>();
      people.add(`${action.seat}:${seatHolder(action)}`);
      byCase.set(action.flow.id, people);
    }
    const pairs = [...byCase.values()].filter((people) => people.size > 1);
    expect(pairs.length).toBeGreaterThan(0);
    for (const people of pairs) {
      const proposer = [...people].find((entry) => entry.startsWith('proposer:'))?.slice('proposer:'.length);
      const approver = [...people].find((entry) => entry.startsWith('approver:'))?.slice('approver:'.length);
      expect(proposer).toBeDefined();
      expect(approver).toBeDefined();
      expect(proposer).not.toBe(approver);
    }
  });

  it('gives each step to a seeded person with the role it needs, in the team identity allocates the case to', () => {
    for (const action of steps) {
      const person = personByUsername(seatHolder(action));
      expect(person?.roles).toContain(action.role);
      if (action.role === 'liaison-officer') continue;
      expect(person?.team).toBe(action.flow.kind === 'eoi' ? 'legal-route' : teamFor(action.flow.id, DEFAULT_READMISSION_TEAMS));
    }
  });
});
