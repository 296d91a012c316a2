import { randomUUID } from 'node:crypto';
import { arrivalEvent, identityServices, nearTemplate, useIdentityDatabase, openedCase, returnOf, sampleTemplate } from '../test-support/identity-test-kit';

const identity = useIdentityDatabase();

async function countRows(table: 'enrolments' | 'irregular_entries' | 'arrival_screenings', caseId: string): Promise<number> {
  const result = await identity.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]);
  return Number(result.rows[0]?.n);
}

/** A person who arrived, was returned (handover confirmed) and entered the register of returns. */
async function returnedPerson(template: string) {
  const first = arrivalEvent({ biometricTemplate: template });
  await identity.services.screening.screen(first);
  await identity.services.returns.register(returnOf(first.data));
  return first;
}

describe('arrival screening', () => {
  it('enrols the arrival template, records the irregular entry and finds no re-entry for a new person', async () => {
    const event = arrivalEvent();
    const record = openedCase(await identity.services.screening.screen(event));

    expect(record).toEqual({
      caseId: event.data.caseId,
      eventId: event.eventId,
      personId: event.data.personId,
      screening: { reEntry: false, enrolmentReference: expect.stringMatching(/^enr_/) },
    });
    expect(await identity.services.enrolments.findBySourceKey(identity.db, `arrival:${event.data.caseId}`)).toMatchObject({ reference: record.screening.enrolmentReference, context: 'arrival' });
  });

  it('E4 every small-boat arrival enrolled is recorded as an irregular entry', async () => {
    const event = arrivalEvent({ route: 'search-and-rescue' });
    const { screening } = openedCase(await identity.services.screening.screen(event));

    await expect(identity.services.irregularEntries.find(identity.db, event.data.caseId)).resolves.toEqual({
      caseId: event.data.caseId,
      personId: event.data.personId,
      enrolmentReference: screening.enrolmentReference,
      route: 'search-and-rescue',
      arrivedAt: new Date(event.data.arrivedAt).toISOString(),
    });
  });

  it('is idempotent by event and by case: copies of the arrival enrol once and get the first screening', async () => {
    const event = arrivalEvent();
    const first = await identity.services.screening.screen(event);
    const sameEvent = await identity.services.screening.screen(event);
    const otherCopy = await identity.services.screening.screen({ ...event, eventId: randomUUID() });

    expect(sameEvent).toEqual(first);
    expect(otherCopy).toEqual(first);
    for (const table of ['enrolments', 'irregular_entries', 'arrival_screenings'] as const) expect(await countRows(table, event.data.caseId)).toBe(1);
  });

  it('R11 a returned person arriving again with the same template is flagged as a re-entry of the earlier case', async () => {
    const template = sampleTemplate('returned-exact');
    const earlier = await returnedPerson(template);

    const again = arrivalEvent({ biometricTemplate: template });
    const record = openedCase(await identity.services.screening.screen(again));

    expect(record.screening).toEqual({ reEntry: true, previousCaseId: earlier.data.caseId, enrolmentReference: expect.stringMatching(/^enr_/) });
    expect(record.match?.score).toBe(1);
  });

  it('R11 a near match above the threshold is flagged too, with its score', async () => {
    const template = sampleTemplate('returned-near');
    const earlier = await returnedPerson(template);

    const record = openedCase(await identity.services.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(template, 2) })));

    expect(record.screening).toMatchObject({ reEntry: true, previousCaseId: earlier.data.caseId });
    expect(record.match?.score).toBeGreaterThanOrEqual(0.9);
    expect(record.match?.score).toBeLessThan(1);
  });

  it('R11 a template below the threshold is not a re-entry', async () => {
    await returnedPerson(sampleTemplate('returned-far'));
    const record = openedCase(await identity.services.screening.screen(arrivalEvent({ biometricTemplate: sampleTemplate('someone-else') })));
    expect(record.screening.reEntry).toBe(false);
  });

  it('R11 the threshold is configurable: at 1 only exact matches flag a re-entry', async () => {
    const template = sampleTemplate('returned-strict');
    await returnedPerson(template);
    const strict = identityServices(identity.db, 1);

    await expect(strict.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(template, 1) }))).resolves.toMatchObject({ kind: 'case', record: { screening: { reEntry: false } } });
    await expect(strict.screening.screen(arrivalEvent({ biometricTemplate: template }))).resolves.toMatchObject({ kind: 'case', record: { screening: { reEntry: true } } });
  });

  it('R11 an irregular entry alone is not a re-entry: an arrival after that case ended is a new case linked to it', async () => {
    const template = sampleTemplate('entered-not-returned');
    const first = arrivalEvent({ biometricTemplate: template }, new Date(Date.now() - 60_000));
    await identity.services.screening.screen(first);
    await identity.services.screening.confirmOpened(first.data.caseId);
    identity.services.statuses.set(first.data.caseId, { kind: 'closed', closedAt: new Date(Date.now() - 30_000).toISOString() });

    const record = openedCase(await identity.services.screening.screen(arrivalEvent({ biometricTemplate: template })));

    expect(record.screening).toEqual({ reEntry: false, earlierCaseId: first.data.caseId, enrolmentReference: expect.stringMatching(/^enr_/) });
  });
});

describe('one person, one case', () => {
  async function rowsFor(caseId: string) {
    return { enrolments: await countRows('enrolments', caseId), irregularEntries: await countRows('irregular_entries', caseId), screenings: await countRows('arrival_screenings', caseId) };
  }

  it('R11 a second record of a person whose case is open is linked to that case, and enrols nothing of its own', async () => {
    const first = arrivalEvent();
    const second = arrivalEvent({ arrivedAt: first.data.arrivedAt, biometricTemplate: first.data.biometricTemplate, crossingEvidence: first.data.crossingEvidence });
    const opened = openedCase(await identity.services.screening.screen(first));
    await identity.services.screening.confirmOpened(first.data.caseId);
    identity.services.statuses.set(first.data.caseId, { kind: 'running' });

    const outcome = await identity.services.screening.screen(second);

    expect(outcome).toEqual({
      kind: 'linked',
      link: {
        recordCaseId: second.data.caseId,
        eventId: second.eventId,
        personId: second.data.personId,
        caseId: first.data.caseId,
        link: 'open-case',
        matchedEnrolmentReference: opened.screening.enrolmentReference,
        matchScore: 1,
        recordArrivedAt: new Date(first.data.arrivedAt).toISOString(),
        noticeEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        linkedAt: expect.any(String),
      },
    });
    await expect(rowsFor(second.data.caseId)).resolves.toEqual({ enrolments: 0, irregularEntries: 0, screenings: 0 });
  });

  it('R11 every copy of a linked record gets the same link, announcement id included', async () => {
    const first = arrivalEvent();
    await identity.services.screening.screen(first);
    const second = arrivalEvent({ biometricTemplate: first.data.biometricTemplate });

    const once = await identity.services.screening.screen(second);
    const again = await identity.services.screening.screen(second);
    const otherCopy = await identity.services.screening.screen({ ...second, eventId: randomUUID() });

    expect(again).toEqual(once);
    expect(otherCopy).toEqual(once);
  });

  it('R11 a near match above the threshold is the same person: linked, with its score', async () => {
    const first = arrivalEvent();
    await identity.services.screening.screen(first);

    const outcome = await identity.services.screening.screen(arrivalEvent({ biometricTemplate: nearTemplate(first.data.biometricTemplate, 2) }));

    expect(outcome).toMatchObject({ kind: 'linked', link: { caseId: first.data.caseId, link: 'open-case' } });
    const score = outcome.kind === 'linked' ? outcome.link.matchScore : 0;
    expect(score).toBeGreaterThanOrEqual(0.9);
    expect(score).toBeLessThan(1);
  });

  it('R11 a record screened while the first record\'s case is still being started is linked to it, not taken for an ended case', async () => {
    const first = arrivalEvent();
    await identity.services.screening.screen(first);
    // Not confirmed opened, and Temporal does not know it yet: the first record's event is between screening and start.
    await expect(identity.services.screening.screen(arrivalEvent({ biometricTemplate: first.data.biometricTemplate }))).resolves.toMatchObject({ kind: 'linked', link: { link: 'open-case' } });
  });

  it('R11 two records of one person screened at the same moment open one case, the other linked to it', async () => {
    const template = sampleTemplate('at-the-same-moment');
    const records = [arrivalEvent({ biometricTemplate: template }), arrivalEvent({ biometricTemplate: template })];

    const outcomes = await Promise.all(records.map((record) => identity.services.screening.screen(record)));

    const opened = outcomes.filter((outcome) => outcome.kind === 'case');
    const linked = outcomes.filter((outcome) => outcome.kind === 'linked');
    expect(opened).toHaveLength(1);
    expect(linked).toHaveLength(1);
    expect(linked[0]?.kind === 'linked' && linked[0].link.caseId).toBe(opened[0]?.kind === 'case' && opened[0].record.caseId);
  });

  it('R11 a late record of a crossing whose case has ended opens no case: it is linked to the ended case', async () => {
    const first = arrivalEvent({}, new Date(Date.now() - 60_000));
    await identity.services.screening.screen(first);
    await identity.services.screening.confirmOpened(first.data.caseId);
    identity.services.statuses.set(first.data.caseId, { kind: 'closed', closedAt: new Date().toISOString() });

    const late = arrivalEvent({ arrivedAt: first.data.arrivedAt, biometricTemplate: first.data.biometricTemplate });

    await expect(identity.services.screening.screen(late)).resolves.toMatchObject({ kind: 'linked', link: { caseId: first.data.caseId, link: 'ended-case' } });
  });

  it('R11 a late record of a crossing whose person was returned is linked to the returned case, not taken for a re-entry', async () => {
    const first = arrivalEvent({}, new Date(Date.now() - 60_000));
    await identity.services.screening.screen(first);
    await identity.services.returns.register(returnOf(first.data));

    const late = arrivalEvent({ arrivedAt: first.data.arrivedAt, biometricTemplate: first.data.biometricTemplate });

    await expect(identity.services.screening.screen(late)).resolves.toMatchObject({ kind: 'linked', link: { caseId: first.data.caseId, link: 'ended-case' } });
  });

  it('R11 a case whose history Temporal no longer holds, seen started, counts as ended: a later arrival is a new case', async () => {
    const first = arrivalEvent({}, new Date(Date.now() - 60_000));
    await identity.services.screening.screen(first);
    await identity.services.screening.confirmOpened(first.data.caseId);

    const later = arrivalEvent({ biometricTemplate: first.data.biometricTemplate }, new Date(Date.now() + 1000));
    const record = openedCase(await identity.services.screening.screen(later));

    expect(record.screening.earlierCaseId).toBe(first.data.caseId);
  });
});
