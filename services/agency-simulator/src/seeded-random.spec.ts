import { SeededRandom } from './seeded-random';

describe('seeded randomness', () => {
  it('gives the same answer for the same seed and key, whatever the order of questions', () => {
    const first = new SeededRandom(7);
    const second = new SeededRandom(7);
    const a = first.unit('france-reply', 'req_1');
    second.unit('something else');
    expect(second.unit('france-reply', 'req_1')).toBe(a);
    expect(new SeededRandom(8).unit('france-reply', 'req_1')).not.toBe(a);
  });

  it('draws shares close to their probability over many keys', () => {
    const random = new SeededRandom(20250806);
    const hits = Array.from({ length: 10_000 }, (_, n) => random.chance(0.07, 'selected', n)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(600);
    expect(hits).toBeLessThan(800);
  });

  it('makes opaque ids the contracts accept', () => {
    expect(new SeededRandom(1).opaqueId('case', 'arrival', 1)).toMatch(/^case_[0-9A-Za-z]{10,40}$/);
  });
});
