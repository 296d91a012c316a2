/**
 * How alike two biometric templates are, as a number from 0 (nothing in common) to 1 (the same).
 *
 * A template is an opaque string here, so the score models a matcher rather than being one:
 * 1. normalise: Unicode NFKC, lower case, whitespace removed (the same sample written with other
 *    spacing or case is the same sample);
 * 2. cut each template into its set of overlapping shingles of `SHINGLE_SIZE` characters
 *    ("abcde" → {abc, bcd, cde}); a template shorter than a shingle is one shingle;
 * 3. score = Jaccard index of the two sets, |A ∩ B| / |A ∪ B|.
 *
 * Two samples of the same person that differ in a few characters share almost every shingle and
 * score close to 1; unrelated templates share few and score near 0. Identical templates are matched
 * earlier by hash (exact match); this score finds the near matches (R11, E4). Pure: no I/O.
 */

/** Characters per shingle: three keeps one changed character from touching more than three shingles. */
export const SHINGLE_SIZE = 3;

/** The template as it is compared: NFKC, lower case, no whitespace. */
export function normaliseTemplate(template: string): string {
  return template.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The set of overlapping shingles of a normalised template. */
export function templateShingles(template: string, size: number = SHINGLE_SIZE): Set<string> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('shingle size must be a whole number of at least 1');
  const normalised = normaliseTemplate(template);
  if (normalised.length <= size) return new Set(normalised.length === 0 ? [] : [normalised]);
  const shingles = new Set<string>();
  for (let start = 0; start + size <= normalised.length; start += 1) shingles.add(normalised.slice(start, start + size));
  return shingles;
}

/** Jaccard index of two shingle sets; two empty sets are alike (1). */
export function jaccardIndex(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [smaller, larger] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const shingle of smaller) if (larger.has(shingle)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Similarity of two templates, from 0 to 1 (see the file's comment). */
export function templateSimilarity(a: string, b: string, size: number = SHINGLE_SIZE): number {
  return jaccardIndex(templateShingles(a, size), templateShingles(b, size));
}

/** A scorer for one probe template against many candidates: the probe is cut into shingles once. */
export function templateScorer(probe: string, size: number = SHINGLE_SIZE): (candidate: string) => number {
  const probeShingles = templateShingles(probe, size);
  return (candidate) => jaccardIndex(probeShingles, templateShingles(candidate, size));
}
