import type { PersonCaller, Role } from '@oioo/auth';
import { needsPurpose, queueTeams, rolesReaching, visibilityFor } from './case-access';

const person = (roles: Role[], team?: string): PersonCaller => ({ kind: 'person', subject: 'cw_01TEST000000', actorId: 'cw_01TEST000000', name: 'Test', roles, ...(team ? { team } : {}) });
const ALL: Role[] = ['caseworker', 'senior-caseworker', 'liaison-officer', 'ledger-officer', 'sre', 'auditor'];

describe('case access (BOLA)', () => {
  it('a caseworker reaches only their own team\'s cases', () => {
    expect(rolesReaching(person(['caseworker'], 'south-east'), { kind: 'readmission', team: 'south-east' }, ALL)).toEqual(['caseworker']);
    expect(rolesReaching(person(['caseworker'], 'south-east'), { kind: 'readmission', team: 'north-west' }, ALL)).toEqual([]);
    expect(rolesReaching(person(['caseworker'], 'south-east'), { kind: 'readmission' }, ALL)).toEqual([]);
  });

  it('a caseworker without a team reaches no case', () => {
    expect(rolesReaching(person(['senior-caseworker']), { kind: 'eoi' }, ALL)).toEqual([]);
  });

  it('a liaison officer reaches every readmission case and no EOI', () => {
    expect(rolesReaching(person(['liaison-officer']), { kind: 'readmission', team: 'north-west' }, ALL)).toEqual(['liaison-officer']);
    expect(rolesReaching(person(['liaison-officer']), { kind: 'eoi', team: 'legal-route' }, ALL)).toEqual([]);
  });

  it('a ledger officer reaches no case', () => {
    expect(rolesReaching(person(['ledger-officer']), { kind: 'readmission', team: 'south-east' }, ALL)).toEqual([]);
  });

  it('a role the route does not admit grants nothing even where it would reach', () => {
    expect(rolesReaching(person(['sre']), { kind: 'readmission', team: 'south-east' }, ['caseworker'])).toEqual([]);
  });

  it('S3 the SRE sees cases redacted; any other reaching role sees them whole', () => {
    expect(visibilityFor(['sre'])).toBe('redacted');
    expect(visibilityFor(['sre', 'auditor'])).toBe('full');
    expect(visibilityFor(['caseworker'])).toBe('full');
  });

  it('S3 an auditor reading as auditor states a purpose', () => {
    expect(needsPurpose(['auditor'])).toBe(true);
    expect(needsPurpose(['auditor', 'caseworker'])).toBe(false);
  });

  it('team roles list their own team; national roles any team', () => {
    expect(queueTeams(person(['caseworker'], 'south-east'), 'north-west')).toEqual({ teams: ['south-east'], national: false });
    expect(queueTeams(person(['sre']))).toEqual({ teams: 'all', national: true });
    expect(queueTeams(person(['auditor']), 'north-west')).toEqual({ teams: ['north-west'], national: true });
  });
});
