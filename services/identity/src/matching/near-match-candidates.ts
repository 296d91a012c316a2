/**
 * How the near-match pass (R11, E4) may use pg_trgm to pick candidates before scoring them with our own
 * score, without ever losing a template that score would match. Pure: no I/O.
 *
 * Our score is the Jaccard index of the normalised templates' 3-character shingles. pg_trgm's similarity
 * is a Jaccard index too, but of other sets: it splits a string into words at every character that is
 * not a letter or digit and pads each word (two spaces before, one after) before cutting it into
 * trigrams. So "tpl-3f9a" gives {"  t", " tp", "tpl", "pl ", "  3", " 3f", "3f9", "f9a", "9a "} where we
 * see {"tpl", "pl-", "l-3", "-3f", "3f9", "f9a"}. No fixed pg_trgm threshold is safe: two templates
 * that differ only in their letters and share a long run of punctuation score high with us and 0 with
 * pg_trgm. The threshold is therefore worked out per probe, from what the probe alone tells us.
 *
 * The bound. Take a probe a and a candidate b whose normalised forms are ASCII and at least 3 characters
 * long (the only ones given an indexed template). A, B are our shingle sets, i = |A ∩ B|, u = |A ∪ B|,
 * and our score i/u ≥ τ (the match threshold). Call a shingle mixed when it holds a character other than
 * a-z and 0-9, and let m be the number of mixed shingles of a.
 * 1. pg_trgm's set for a is the unmixed shingles of A (the trigrams inside words, character for
 *    character) plus pad trigrams, which hold a space and so are never shingles. Each pad comes from a
 *    word's edge, that is from a mixed shingle or one of the string's two ends, at most 2 per shingle:
 *    at most 2(m + 2) pads for a, and 2(m_b + 2) for b.
 * 2. Shared trigrams ≥ shared unmixed shingles ≥ i − m.
 * 3. All trigrams ≤ (unmixed shingles of A ∪ B) + pads ≤ (u − m) + 2(m + 2) + 2(m_b + 2), and
 *    m_b ≤ m + |B \ A| = m + u − |A|, so all ≤ 3u + 3m − 2|A| + 8.
 * 4. So pg_trgm's similarity ≥ (τu − m) / (3u + 3m − 2|A| + 8), with u between |A| (it holds A) and
 *    |A| / τ (since i ≤ |A|). That is a ratio of linear functions of u with a positive denominator, so
 *    its least value is at one end of the range: the candidate threshold is the smaller of the two.
 * For the pilot's templates (164 characters, one hyphen) at τ = 0.9 that is about 0.68, where unrelated
 * templates score about 0.02 with pg_trgm. When the bound is not above 0 (a probe made mostly of
 * punctuation, a very low τ) or the probe has no indexed template, the index cannot help: the pass reads
 * the whole register, as before.
 */
import { normaliseTemplate, templateShingles } from './template-similarity';

/**
 * Taken off the bound: pg_trgm computes its similarity in single precision and we compare ours in double,
 * so a score on the threshold itself may round either way; 0.001 is far above either rounding.
 */
export const CANDIDATE_THRESHOLD_MARGIN = 0.001;

/** The shortest normalised template given an indexed template: pg_trgm's trigrams and our shingles agree from 3 characters. */
const SHORTEST_INDEXED = 3;

/** Characters pg_trgm keeps inside a word in every locale, once normalisation has lower-cased the template. */
const WORD_CHARACTER = /[a-z0-9]/;

/**
 * The template as the trigram index holds it (`enrolments.indexed_template`): the normalised template
 * when it is ASCII and at least 3 characters long, else null (the enrolment is then compared in full).
 */
export function indexedTemplate(template: string): string | null {
  const normalised = normaliseTemplate(template);
  if (normalised.length < SHORTEST_INDEXED) return null;
  for (let index = 0; index < normalised.length; index += 1) if (normalised.charCodeAt(index) > 0x7f) return null;
  return normalised;
}

/**
 * The pg_trgm similarity every indexed template scoring at least `matchThreshold` against `probe` is
 * sure to reach (see the file's comment), less {@link CANDIDATE_THRESHOLD_MARGIN}; undefined when the
 * index cannot answer for this probe and the register must be read in full.
 */
export function candidateThreshold(probe: string, matchThreshold: number): number | undefined {
  if (indexedTemplate(probe) === null) return undefined;
  const shingles = templateShingles(probe);
  let mixed = 0;
  for (const shingle of shingles) if (![...shingle].every((character) => WORD_CHARACTER.test(character))) mixed += 1;
  const size = shingles.size;
  const bound = (union: number) => (matchThreshold * union - mixed) / (3 * union + 3 * mixed - 2 * size + 8);
  const threshold = Math.min(bound(size), bound(size / matchThreshold)) - CANDIDATE_THRESHOLD_MARGIN;
  return threshold > 0 ? threshold : undefined;
}
