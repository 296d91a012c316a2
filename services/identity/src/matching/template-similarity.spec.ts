import { SHINGLE_SIZE, jaccardIndex, normaliseTemplate, templateScorer, templateShingles, templateSimilarity } from './template-similarity';
import { templateHash } from './template-hash';

/** A long template, as a real capture would be: 160 hex characters derived from a seed. */
function longTemplate(seed: number): string {
  return `tpl-${[0, 1, 2].map((part) => templateHash(`${seed}:${part}`)).join('').slice(0, 160)}`;
}

/** The template with the character at `position` replaced by another one. */
function withChangeAt(template: string, position: number): string {
  const replacement = template[position] === 'x' ? 'y' : 'x';
  return template.slice(0, position) + replacement + template.slice(position + 1);
}

describe('template similarity score', () => {
  it('normalises case, Unicode width and whitespace before comparing', () => {
    expect(normaliseTemplate(' TPL-3F9A\t1C7E\n')).toBe('tpl-3f9a1c7e');
    expect(normaliseTemplate('ＴＰＬ')).toBe('tpl');
    expect(templateSimilarity('TPL-3F9A 1C7E', 'tpl-3f9a1c7e')).toBe(1);
  });

  it('cuts a template into overlapping shingles, and a short one into a single shingle', () => {
    expect([...templateShingles('abcde')]).toEqual(['abc', 'bcd', 'cde']);
    expect([...templateShingles('ab')]).toEqual(['ab']);
    expect(templateShingles('')).toEqual(new Set());
    expect(SHINGLE_SIZE).toBe(3);
    expect(() => templateShingles('abc', 0)).toThrow(RangeError);
  });

  it('is the Jaccard index of the shingle sets: shared over all', () => {
    expect(jaccardIndex(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBeCloseTo(2 / 4);
    expect(jaccardIndex(new Set(), new Set())).toBe(1);
    expect(jaccardIndex(new Set(['a']), new Set())).toBe(0);
  });

  it('is 1 for identical templates, symmetric, and between 0 and 1', () => {
    const a = longTemplate(1);
    const b = longTemplate(2);
    expect(templateSimilarity(a, a)).toBe(1);
    expect(templateSimilarity(a, b)).toBe(templateSimilarity(b, a));
    expect(templateSimilarity(a, b)).toBeGreaterThanOrEqual(0);
    expect(templateSimilarity(a, b)).toBeLessThan(1);
  });

  it('scores a second sample with one or two characters changed above the default threshold of 0.9', () => {
    const first = longTemplate(7);
    expect(templateSimilarity(first, withChangeAt(first, 80))).toBeGreaterThan(0.9);
    expect(templateSimilarity(first, withChangeAt(withChangeAt(first, 40), 120))).toBeGreaterThan(0.9);
  });

  it('scores unrelated templates far below the threshold', () => {
    expect(templateSimilarity(longTemplate(1), longTemplate(99))).toBeLessThan(0.5);
    expect(templateSimilarity('tpl-aaaaaaaaaaaa', 'zzz-bbbbbbbbbbbb')).toBe(0);
  });

  it('a scorer built once for a probe gives the same scores as the plain function', () => {
    const probe = longTemplate(3);
    const score = templateScorer(probe);
    for (const candidate of [probe, withChangeAt(probe, 10), longTemplate(4)]) {
      expect(score(candidate)).toBe(templateSimilarity(probe, candidate));
    }
  });

  it('hashes a template to 64 hex characters, the same for the same template, different for another', () => {
    expect(templateHash('tpl-3f9a1c7e5b2d4a60')).toMatch(/^[0-9a-f]{64}$/);
    expect(templateHash('tpl-3f9a1c7e5b2d4a60')).toBe(templateHash('tpl-3f9a1c7e5b2d4a60'));
    expect(templateHash('tpl-3f9a1c7e5b2d4a61')).not.toBe(templateHash('tpl-3f9a1c7e5b2d4a60'));
  });
});
