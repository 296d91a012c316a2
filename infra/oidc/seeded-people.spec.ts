import { LOCAL_PASSWORD, ROLES, SEEDED_PEOPLE, STAFF_ID_PATTERN, personBySub, personByUsername, seedProblems } from './seeded-people';

describe('the seeded people', () => {
  it('are sound: every sub is a staff id, every role known, no duplicates', () => {
    expect(seedProblems(SEEDED_PEOPLE)).toEqual([]);
    for (const person of SEEDED_PEOPLE) expect(person.sub).toMatch(STAFF_ID_PATTERN);
  });

  it('are exactly the people the casework API and its tests rely on', () => {
    expect(SEEDED_PEOPLE.map(({ username, sub, roles, team }) => [username, sub, roles.join(','), team ?? null])).toEqual([
      ['alice', 'cw_01ALICE0000000000000', 'caseworker', 'south-east'],
      ['bola', 'cw_01BOLA00000000000000', 'senior-caseworker', 'south-east'],
      ['chris', 'cw_01CHRIS0000000000000', 'caseworker', 'north-west'],
      ['dana', 'cw_01DANA00000000000000', 'senior-caseworker', 'north-west'],
      ['erin', 'cw_01ERIN00000000000000', 'caseworker', 'legal-route'],
      ['femi', 'cw_01FEMI00000000000000', 'senior-caseworker', 'legal-route'],
      ['lina', 'cw_01LINA00000000000000', 'liaison-officer', null],
      ['leo', 'cw_01LEO000000000000000', 'ledger-officer', null],
      ['sam', 'cw_01SAM000000000000000', 'sre', null],
      ['audrey', 'cw_01AUDREY00000000000', 'auditor', null],
    ]);
    expect(ROLES).toEqual(['caseworker', 'senior-caseworker', 'liaison-officer', 'ledger-officer', 'sre', 'auditor']);
    expect(LOCAL_PASSWORD).toBe('pilot-local-only');
  });

  it('are found by username and by staff id', () => {
    expect(personByUsername('dana')?.name).toBe('Dana Dimitrova');
    expect(personBySub('cw_01LINA00000000000000')?.username).toBe('lina');
    expect(personByUsername('mallory')).toBeUndefined();
  });

  it('a bad list is refused with what is wrong', () => {
    const problems = seedProblems([
      { username: 'x', sub: 'staff-1', name: 'X', roles: [] },
      { username: 'x', sub: 'cw_0123456789', name: 'Y', roles: ['admin' as never] },
    ]);
    expect(problems).toEqual([
      expect.stringContaining('sub staff-1 does not match'),
      'x: has no role',
      'x: unknown role admin',
      'x: duplicate username:x',
    ]);
  });
});
