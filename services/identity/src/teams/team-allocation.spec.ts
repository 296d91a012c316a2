import { teamFor } from './team-allocation';

describe('team allocation at intake', () => {
  it('gives the same case the same team every time', () => {
    expect(teamFor('case_01J9ZQ4X7K3M2N8P6R5T', ['south-east', 'north-west'])).toBe(teamFor('case_01J9ZQ4X7K3M2N8P6R5T', ['south-east', 'north-west']));
  });

  it('shares cases among every configured team', () => {
    const teams = new Set(Array.from({ length: 200 }, (_, index) => teamFor(`case_TEAMTEST${String(index).padStart(6, '0')}`, ['south-east', 'north-west', 'midlands'])));
    expect([...teams].sort()).toEqual(['midlands', 'north-west', 'south-east']);
  });

  it('gives the only team when there is one', () => {
    expect(teamFor('eoi_01J9ZQ4X7K3M2N8P6R5T', ['legal-route'])).toBe('legal-route');
  });
});
