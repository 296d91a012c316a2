import { BoundedList, BoundedMap, BoundedSet } from './bounded-memory';

describe('bounded memory', () => {
  it('forgets the oldest entries beyond its limit, so a long run keeps a flat footprint', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);
    expect(map.has('a')).toBe(false);
    expect(map.values()).toEqual([2, 3]);

    const set = new BoundedSet<string>(2);
    expect(set.addIfNew('x')).toBe(true);
    expect(set.addIfNew('x')).toBe(false);
    set.addIfNew('y');
    set.addIfNew('z');
    expect([set.has('x'), set.has('y'), set.has('z'), set.size]).toEqual([false, true, true, 2]);

    const list = new BoundedList<string>(2);
    ['1', '2', '3'].forEach((item) => list.push(item));
    expect([list.length, list.at(0), list.at(1)]).toEqual([2, '2', '3']);
    expect(() => new BoundedList(0)).toThrow(/at least 1/);
  });
});
