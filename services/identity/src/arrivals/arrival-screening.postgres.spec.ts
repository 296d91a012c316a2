import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, loadMigrations, openPostgresDatabase, runMigrations } from '@oioo/database';
import { type ThrowawayPostgres, startThrowawayPostgres } from '@oioo/testing';
import { MIGRATIONS_DIR, arrivalEvent, identityServices, quietLogger, sampleTemplate } from '../test-support/identity-test-kit';

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
});
