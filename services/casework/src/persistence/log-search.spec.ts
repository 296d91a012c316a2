import { logSearch, loggedBy } from './log-search';

describe('logSearch', () => {
  it('numbers the given conditions in order and puts the limit last', () => {
    expect(logSearch([['verb = ?', 'stuck'], undefined, ['id < ?', '42']], 20)).toEqual({ where: 'WHERE verb = $1 AND id < $2', limit: '$3', values: ['stuck', '42', 20] });
  });

  it('has no WHERE clause when no filter is given', () => {
    expect(logSearch([undefined, undefined], 5)).toEqual({ where: '', limit: '$1', values: [5] });
  });
});

describe('loggedBy', () => {
  it('shows a row\'s time as ISO 8601 and its actor columns under the API\'s names', () => {
    expect(loggedBy({ id: '7', at: new Date('2026-01-02T03:04:05Z'), actor_id: 'cw_1', actor_name: 'Sam Sato', roles: ['sre'] })).toEqual({
      id: '7',
      at: '2026-01-02T03:04:05.000Z',
      actorId: 'cw_1',
      actorName: 'Sam Sato',
      roles: ['sre'],
    });
  });
});
