import { logSearch } from './log-search';

describe('logSearch', () => {
  it('numbers the given conditions in order and puts the limit last', () => {
    expect(logSearch([['verb = ?', 'stuck'], undefined, ['id < ?', '42']], 20)).toEqual({ where: 'WHERE verb = $1 AND id < $2', limit: '$3', values: ['stuck', '42', 20] });
  });

  it('has no WHERE clause when no filter is given', () => {
    expect(logSearch([undefined, undefined], 5)).toEqual({ where: '', limit: '$1', values: [5] });
  });
});
