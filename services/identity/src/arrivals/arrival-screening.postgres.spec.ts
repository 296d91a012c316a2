import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, loadMigrations, openPostgresDatabase, runMigrations } from '@oioo/database';
import { type ThrowawayPostgres, startThrowawayPostgres } from '@oioo/testing';
import fc from 'fast-check';
import { candidateThreshold, indexedTemplate } from '../matching/near-match-candidates';
import { templateSimilarity } from '../matching/template-similarity';
import { MIGRATIONS_DIR, arrivalEvent, identityServices, nearTemplate, quietLogger, sampleTemplate } from '../test-support/identity-test-kit';
import { applyEdits, editsArbitrary, templateArbitrary } from '../test-support/template-variations';

// Two pools on one real PostgreSQL, as two identity instances in one consumer group would have: PGlite
// serialises transactions in-process, so only PostgreSQL shows the advisory lock doing its work.
let server: ThrowawayPostgres;
let instances: Database[];

beforeAll(async () => {
  server = await startThrowawayPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'oioo-identity-pg-')), database: 'identity_records', log: () => undefined });
  const open = () => openPostgresDatabase({ schema: 'identity', url: server.url, poolMax: 4, logger: quietLogger });
  const first = await open();
  await runMigrations(first, { schema: 'identity', migrations: loadMigrations(MIGRATIONS_DIR), logger: quietLogger });
  instances = [first, await open()];
}, 180_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((instance) => instance.close()));
  await server?.stop();
});

describe('one person, one case on PostgreSQL', () => {
  it('R11 two records of one person screened at the same moment by two instances open one case, every time', async () => {
    const [one, two] = instances.map((db) => identityServices(db)) as [ReturnType<typeof identityServices>, ReturnType<typeof identityServices>];
    for (let round = 0; round < 20; round += 1) {
      const template = sampleTemplate(`two-instances-${round}`);
      const [a, b] = [arrivalEvent({ biometricTemplate: template }), arrivalEvent({ biometricTemplate: template })];

      const outcomes = await Promise.all([one.screening.screen(a), two.screening.screen(b)]);

      const kinds = outcomes.map((outcome) => outcome.kind).sort();
      expect({ round, kinds }).toEqual({ round, kinds: ['case', 'linked'] });
      const links = await (instances[0] as Database).query<{ n: string }>(
        'SELECT count(*) AS n FROM arrival_record_links WHERE record_case_id = ANY($1)',
        [[a.data.caseId, b.data.caseId]],
      );
      expect(Number(links.rows[0]?.n)).toBe(1);
    }
  });

  it('R11 a second sample of a person, two characters changed, is linked by the other instance through the trigram index', async () => {
    const [one, two] = instances.map((db) => identityServices(db)) as [ReturnType<typeof identityServices>, ReturnType<typeof identityServices>];
    const template = sampleTemplate('near-on-postgres');
    const first = arrivalEvent({ biometricTemplate: template });
    await one.screening.screen(first);

    const second = await two.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(template, 2) }));

    expect(second).toMatchObject({ kind: 'linked', link: { caseId: first.data.caseId, link: 'open-case' } });
  });

  it('R11 E4 puts every template our score matches among the index candidates on PostgreSQL too', async () => {
    const [db] = instances as [Database];
    const { enrolments } = identityServices(db);
    let [pairsChecked, enrolled] = [0, 0];
    await fc.assert(
      fc.asyncProperty(templateArbitrary, fc.array(editsArbitrary, { minLength: 1, maxLength: 3 }), async (first, editSets) => {
        const templates = [first, ...editSets.map((edits) => applyEdits(first, edits))];
        const references: string[] = [];
        for (const template of templates) {
          const key = `pgproperty${(enrolled += 1)}`;
          const { enrolment } = await enrolments.enrol(db, { personId: `per_${key}`, caseId: `case_${key}`, context: 'arrival', sourceKey: key, template, capturedAt: new Date().toISOString() });
          references.push(enrolment.reference);
        }
        for (const [p, probe] of templates.entries()) {
          const threshold = candidateThreshold(probe, 0.9);
          const key = indexedTemplate(probe);
          if (key === null || threshold === undefined) continue;
          const candidates = new Set((await db.query<{ reference: string }>('SELECT near_match_candidates($1, $2) AS reference', [key, threshold])).rows.map((row) => row.reference));
          for (const [c, candidate] of templates.entries()) {
            if (c === p || indexedTemplate(candidate) === null || templateSimilarity(probe, candidate) < 0.9) continue;
            pairsChecked += 1;
            expect({ probe, candidate, candidateFound: candidates.has(references[c] as string) }).toEqual({ probe, candidate, candidateFound: true });
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(pairsChecked).toBeGreaterThan(20);
  }, 120_000);
});
