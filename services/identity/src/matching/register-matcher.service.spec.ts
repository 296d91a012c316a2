import { arrivalEvent, nearTemplate, useIdentityDatabase, openedCase, returnOf, sampleTemplate } from '../test-support/identity-test-kit';

const identity = useIdentityDatabase();

/** Fills the register of irregular entries with `count` unrelated arrivals straight in SQL, as a busy season would. */
async function bulkIrregularEntries(count: number): Promise<void> {
  await identity.db.exec(`
    INSERT INTO people (id) SELECT 'per_bulk' || lpad(g::text, 10, '0') FROM generate_series(1, ${count}) AS g;
    INSERT INTO enrolments (reference, person_id, case_id, context, source_key, template_hash, template, captured_at)
      SELECT 'enr_bulk' || lpad(g::text, 10, '0'), 'per_bulk' || lpad(g::text, 10, '0'), 'case_bulk' || lpad(g::text, 10, '0'), 'arrival',
             'bulk:' || g, encode(sha256(convert_to(t, 'UTF8')), 'hex'), t, now()
      FROM (SELECT g, 'tpl-' || md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) AS t FROM generate_series(1, ${count}) AS g) AS s;
    INSERT INTO irregular_entries (case_id, person_id, enrolment_reference, route, arrived_at)
      SELECT 'case_bulk' || lpad(g::text, 10, '0'), 'per_bulk' || lpad(g::text, 10, '0'), 'enr_bulk' || lpad(g::text, 10, '0'), 'apprehended', now()
      FROM generate_series(1, ${count}) AS g;
  `);
}

describe('register matcher', () => {
  it('finds an exact match by hash with score 1, and a near match with its similarity score', async () => {
    const template = sampleTemplate('matcher-exact');
    const exact = arrivalEvent({ biometricTemplate: template });
    const near = arrivalEvent({ biometricTemplate: nearTemplate(template, 1) });
    await identity.services.screening.screen(exact);
    // The first case has ended, so the second sample is a new crossing with an enrolment of its own.
    identity.services.statuses.set(exact.data.caseId, { kind: 'closed', closedAt: new Date(Date.parse(exact.data.arrivedAt) - 1000).toISOString() });
    await identity.services.screening.screen(near);

    const matches = await identity.services.matcher.find(identity.db, template, 'irregular-entries');

    expect(matches).toEqual([
      { register: 'irregular-entries', caseId: exact.data.caseId, personId: exact.data.personId, enrolmentReference: expect.stringMatching(/^enr_/), score: 1 },
      { register: 'irregular-entries', caseId: near.data.caseId, personId: near.data.personId, enrolmentReference: expect.stringMatching(/^enr_/), score: expect.any(Number) },
    ]);
    expect(matches[1]?.score).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves out the excluded case, so an arrival never matches its own enrolment', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);
    await expect(identity.services.matcher.find(identity.db, event.data.biometricTemplate, 'irregular-entries', { excludeCaseId: event.data.caseId })).resolves.toEqual([]);
  });

  it('gives one match per returned case, from the enrolments that entered the register with it', async () => {
    const template = sampleTemplate('matcher-returned');
    const event = arrivalEvent({ biometricTemplate: template });
    const { screening } = openedCase(await identity.services.screening.screen(event));
    await expect(identity.services.matcher.find(identity.db, template, 'returns')).resolves.toEqual([]);

    await identity.services.returns.register(returnOf(event.data));

    await expect(identity.services.matcher.find(identity.db, template, 'returns')).resolves.toEqual([
      { register: 'returns', caseId: event.data.caseId, personId: event.data.personId, enrolmentReference: screening.enrolmentReference, score: 1 },
    ]);
  });

  it('scans a register larger than one page and still finds the near match at its end', async () => {
    await bulkIrregularEntries(1_250);
    const template = sampleTemplate('matcher-needle');
    // A case id that sorts after every bulk one, so the match sits on the last page.
    const needle = arrivalEvent({ caseId: 'case_zzzzNEEDLE0001', biometricTemplate: nearTemplate(template, 1) });
    await identity.services.screening.screen(needle);

    const matches = await identity.services.matcher.find(identity.db, template, 'irregular-entries');

    expect(matches.map((match) => match.caseId)).toEqual(['case_zzzzNEEDLE0001']);
  });
});
