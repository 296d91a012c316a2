import { sampleTemplate } from '../test-support/identity-test-kit';
import { CANDIDATE_THRESHOLD_MARGIN, candidateThreshold, indexedTemplate } from './near-match-candidates';

describe('near-match candidates (pure)', () => {
  it('indexes the normalised template when it is ASCII and at least 3 characters long, and nothing otherwise', () => {
    expect(indexedTemplate(' TPL-3F9A\t1C7E\n')).toBe('tpl-3f9a1c7e');
    expect(indexedTemplate('ＴＰＬ-3f9a')).toBe('tpl-3f9a');
    expect(indexedTemplate('tpl-3f9aé')).toBeNull();
    expect(indexedTemplate(' a b ')).toBeNull();
    expect(indexedTemplate('abc')).toBe('abc');
  });

  it('R11 gives a pilot template a candidate threshold of about 0.68 at the default match threshold, and 0.72 without the hyphen', () => {
    const template = sampleTemplate('candidate-threshold');
    expect(candidateThreshold(template, 0.9)).toBeCloseTo(0.68, 2);
    expect(candidateThreshold(template.slice(4), 0.9)).toBeCloseTo(0.72, 2);
  });

  it('lowers the candidate threshold with the match threshold, and never reaches the match threshold itself', () => {
    const template = sampleTemplate('candidate-threshold-by-match-threshold');
    const thresholds = [1, 0.95, 0.9, 0.8, 0.6].map((match) => candidateThreshold(template, match) ?? 0);
    expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
    expect(thresholds[0]).toBeLessThanOrEqual(1 - CANDIDATE_THRESHOLD_MARGIN);
    for (const [index, match] of [1, 0.95, 0.9, 0.8, 0.6].entries()) expect(thresholds[index]).toBeLessThan(match);
  });

  it('leaves the probe to the full scan when the index cannot answer for it', () => {
    // Mostly punctuation: pg_trgm sees almost nothing of it.
    expect(candidateThreshold('!#$%&()*+,-./:;<=>?@[]^_{|}~ab', 0.9)).toBeUndefined();
    // Outside ASCII, or too short once normalised.
    expect(candidateThreshold('tpl-3f9a1c7e5b2dé', 0.9)).toBeUndefined();
    expect(candidateThreshold('a    b', 0.9)).toBeUndefined();
    // A match threshold so low that no pg_trgm similarity can be promised.
    expect(candidateThreshold('tpl-3f9a1c7e5b2d', 0.05)).toBeUndefined();
  });
});
