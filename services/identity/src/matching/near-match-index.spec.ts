import fc from 'fast-check';
import { type Queryable } from '@oioo/database';
import { opaqueId, useIdentityDatabase } from '../test-support/identity-test-kit';
import { applyEdits, editsArbitrary, templateArbitrary } from '../test-support/template-variations';
import { candidateThreshold, indexedTemplate } from './near-match-candidates';
import { RegisterMatcher } from './register-matcher.service';
import { templateHash } from './template-hash';
import { templateSimilarity } from './template-similarity';

const identity = useIdentityDatabase();

/** Enrols the template for a new person and records it as an irregular entry (E4); returns the enrolment reference. */
async function enterInRegister(template: string): Promise<string> {
  const [personId, caseId] = [opaqueId('per'), opaqueId('case')];
  const { enrolment } = await identity.services.enrolments.enrol(identity.db, { personId, caseId, context: 'arrival', sourceKey: `test:${caseId}`, template, capturedAt: new Date().toISOString() });
  await identity.services.irregularEntries.record(identity.db, { caseId, personId, enrolmentReference: enrolment.reference, route: 'apprehended', arrivedAt: new Date().toISOString() });
  return enrolment.reference;
}

/** The enrolments the trigram index gives as candidates for a probe's indexed template at a pg_trgm threshold. */
async function indexCandidates(q: Queryable, probe: string, threshold: number): Promise<Set<string>> {
  const rows = await q.query<{ reference: string }>('SELECT near_match_candidates($1, $2) AS reference', [probe, threshold]);
  return new Set(rows.rows.map((row) => row.reference));
}

const matchThresholdArbitrary = fc.oneof(fc.constant(0.9), fc.double({ min: 0.3, max: 1, noNaN: true }));

describe('near-match index', () => {
  it('R11 E4 puts every template our score matches among the index candidates, for random templates, edits and thresholds', async () => {
    let pairsChecked = 0;
    await fc.assert(
      fc.asyncProperty(templateArbitrary, fc.array(editsArbitrary, { minLength: 1, maxLength: 4 }), matchThresholdArbitrary, async (first, editSets, matchThreshold) => {
        const templates = [first, ...editSets.map((edits) => applyEdits(first, edits))];
        const references = await Promise.all(templates.map((template) => enterInRegister(template)));
        for (const [p, probe] of templates.entries()) {
          const key = indexedTemplate(probe);
          const threshold = candidateThreshold(probe, matchThreshold);
          if (key === null || threshold === undefined) continue;
          const candidates = await indexCandidates(identity.db, key, threshold);
          for (const [c, candidate] of templates.entries()) {
            if (c === p || indexedTemplate(candidate) === null || templateSimilarity(probe, candidate) < matchThreshold) continue;
            pairsChecked += 1;
            expect({ probe, candidate, matchThreshold, candidateFound: candidates.has(references[c] as string) }).toEqual({ probe, candidate, matchThreshold, candidateFound: true });
          }
        }
      }),
      { numRuns: 300 },
    );
    // The property holds for real pairs, not only vacuously.
    expect(pairsChecked).toBeGreaterThan(200);
  }, 120_000);

  it('R11 E4 finds with the index exactly what scoring the whole register finds', async () => {
    await fc.assert(
      fc.asyncProperty(templateArbitrary, fc.array(editsArbitrary, { minLength: 1, maxLength: 3 }), matchThresholdArbitrary, async (first, editSets, matchThreshold) => {
        for (const edits of editSets) await enterInRegister(applyEdits(first, edits));
        const matcher = new RegisterMatcher({ matchThreshold });

        const found = await matcher.find(identity.db, first, 'irregular-entries');

        expect(found.map((match) => [match.caseId, match.score])).toEqual(await scoreWholeRegister(first, matchThreshold));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('R11 E4 still finds a match pg_trgm scores 0, by reading the whole register for a probe made mostly of punctuation', async () => {
    const punctuation = [...'!#$%&()*+,-./:;<=>?@[]^_{|}~'];
    // A scrambled run of punctuation, so most of its shingles differ from one another.
    const run = Array.from({ length: 120 }, (_, index) => punctuation[((index * index * 7 + index * 3) % 97) % punctuation.length]).join('');
    const [probe, sample] = [`${run}abcd`, `${run}wxyz`];
    expect(templateSimilarity(probe, sample)).toBeGreaterThanOrEqual(0.9);
    const pgTrgm = await identity.db.query<{ score: number }>('SELECT similarity($1, $2) AS score', [probe, sample]);
    expect(pgTrgm.rows[0]?.score).toBe(0);
    const reference = await enterInRegister(sample);

    const found = await identity.services.matcher.find(identity.db, probe, 'irregular-entries');

    expect(found.map((match) => match.enrolmentReference)).toContain(reference);
  });

  it('leaves pg_trgm.similarity_threshold as it was once the candidates are read, in a transaction or not', async () => {
    const setting = async (q: Queryable) => (await q.query<{ value: string }>("SELECT current_setting('pg_trgm.similarity_threshold') AS value")).rows[0]?.value;
    await indexCandidates(identity.db, 'tpl-3f9a1c7e5b2d', 0.71);
    expect(await setting(identity.db)).toBe('0.3');
    await identity.db.transaction(async (tx) => {
      await indexCandidates(tx, 'tpl-3f9a1c7e5b2d', 0.71);
      expect(await setting(tx)).toBe('0.3');
    });
  });
});

/** The old way: every entry of the register scored, best enrolment per case, as [caseId, score], best first. */
async function scoreWholeRegister(probe: string, matchThreshold: number): Promise<Array<[string, number]>> {
  const rows = await identity.db.query<{ case_id: string; template: string }>('SELECT i.case_id, e.template FROM irregular_entries i JOIN enrolments e ON e.reference = i.enrolment_reference');
  const best = new Map<string, number>();
  for (const row of rows.rows) {
    const score = templateHash(row.template) === templateHash(probe) ? 1 : templateSimilarity(probe, row.template);
    if (score >= matchThreshold && score > (best.get(row.case_id) ?? -1)) best.set(row.case_id, score);
  }
  return [...best.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
