import { randomUUID } from 'node:crypto';
import { type Database } from '@oioo/database';
import { arrivalEvent, identityServices, nearTemplate, openIdentityDatabase, returnOf, sampleTemplate } from '../test-support/identity-test-kit';

let db: Database;
let services: ReturnType<typeof identityServices>;

beforeAll(async () => {
  db = await openIdentityDatabase();
  services = identityServices(db);
}, 60_000);

afterAll(() => db?.close());

async function countRows(table: 'enrolments' | 'irregular_entries' | 'arrival_screenings', caseId: string): Promise<number> {
  const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]);
  return Number(result.rows[0]?.n);
}

/** A person who arrived, was returned (handover confirmed) and entered the register of returns. */
async function returnedPerson(template: string) {
  const first = arrivalEvent({ biometricTemplate: template });
  await services.screening.screen(first);
  await services.returns.register(returnOf(first.data));
  return first;
}

describe('arrival screening', () => {
  it('enrols the arrival template, records the irregular entry and finds no re-entry for a new person', async () => {
    const event = arrivalEvent();
    const record = await services.screening.screen(event);

    expect(record).toEqual({
      caseId: event.data.caseId,
      eventId: event.eventId,
      personId: event.data.personId,
      screening: { reEntry: false, enrolmentReference: expect.stringMatching(/^enr_/) },
    });
    expect(await services.enrolments.findBySourceKey(db, `arrival:${event.data.caseId}`)).toMatchObject({ reference: record.screening.enrolmentReference, context: 'arrival' });
  });

  it('E4 every small-boat arrival enrolled is recorded as an irregular entry', async () => {
    const event = arrivalEvent({ route: 'search-and-rescue' });
    const { screening } = await services.screening.screen(event);

    await expect(services.irregularEntries.find(db, event.data.caseId)).resolves.toEqual({
      caseId: event.data.caseId,
      personId: event.data.personId,
      enrolmentReference: screening.enrolmentReference,
      route: 'search-and-rescue',
      arrivedAt: new Date(event.data.arrivedAt).toISOString(),
    });
  });

  it('is idempotent by event and by case: copies of the arrival enrol once and get the first screening', async () => {
    const event = arrivalEvent();
    const first = await services.screening.screen(event);
    const sameEvent = await services.screening.screen(event);
    const otherCopy = await services.screening.screen({ ...event, eventId: randomUUID() });

    expect(sameEvent).toEqual(first);
    expect(otherCopy).toEqual(first);
    for (const table of ['enrolments', 'irregular_entries', 'arrival_screenings'] as const) expect(await countRows(table, event.data.caseId)).toBe(1);
  });

  it('R11 a returned person arriving again with the same template is flagged as a re-entry of the earlier case', async () => {
    const template = sampleTemplate('returned-exact');
    const earlier = await returnedPerson(template);

    const again = arrivalEvent({ biometricTemplate: template });
    const record = await services.screening.screen(again);

    expect(record.screening).toEqual({ reEntry: true, previousCaseId: earlier.data.caseId, enrolmentReference: expect.stringMatching(/^enr_/) });
    expect(record.match?.score).toBe(1);
  });

  it('R11 a near match above the threshold is flagged too, with its score', async () => {
    const template = sampleTemplate('returned-near');
    const earlier = await returnedPerson(template);

    const record = await services.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(template, 2) }));

    expect(record.screening).toMatchObject({ reEntry: true, previousCaseId: earlier.data.caseId });
    expect(record.match?.score).toBeGreaterThanOrEqual(0.9);
    expect(record.match?.score).toBeLessThan(1);
  });

  it('R11 a template below the threshold is not a re-entry', async () => {
    await returnedPerson(sampleTemplate('returned-far'));
    const record = await services.screening.screen(arrivalEvent({ biometricTemplate: sampleTemplate('someone-else') }));
    expect(record.screening.reEntry).toBe(false);
  });

  it('R11 the threshold is configurable: at 1 only exact matches flag a re-entry', async () => {
    const template = sampleTemplate('returned-strict');
    await returnedPerson(template);
    const strict = identityServices(db, 1);

    await expect(strict.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(template, 1) }))).resolves.toMatchObject({ screening: { reEntry: false } });
    await expect(strict.screening.screen(arrivalEvent({ biometricTemplate: template }))).resolves.toMatchObject({ screening: { reEntry: true } });
  });

  it('R11 an irregular entry alone is not a re-entry: only the register of returns flags one', async () => {
    const template = sampleTemplate('entered-not-returned');
    await services.screening.screen(arrivalEvent({ biometricTemplate: template }));
    await expect(services.screening.screen(arrivalEvent({ biometricTemplate: template }))).resolves.toMatchObject({ screening: { reEntry: false } });
  });
});
