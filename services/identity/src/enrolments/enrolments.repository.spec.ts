import { templateHash } from '../matching/template-hash';
import { opaqueId, useIdentityDatabase, sampleTemplate } from '../test-support/identity-test-kit';

const identity = useIdentityDatabase();

function enrolInput(caseId = opaqueId('case'), personId = opaqueId('per')) {
  return { personId, caseId, context: 'arrival' as const, sourceKey: `arrival:${caseId}`, template: sampleTemplate(caseId), capturedAt: '2025-09-01T03:12:00Z' };
}

describe('biometric enrolments', () => {
  it('enrols a template under a new opaque enr_ reference and records the person', async () => {
    const input = enrolInput();
    const { enrolment, created } = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, input));

    expect(created).toBe(true);
    expect(enrolment).toEqual({ reference: expect.stringMatching(/^enr_[0-9a-f]{32}$/), personId: input.personId, caseId: input.caseId, context: 'arrival', capturedAt: '2025-09-01T03:12:00.000Z' });
    expect(await identity.services.people.exists(identity.db, input.personId)).toBe(true);
  });

  it('stores the SHA-256 of the template beside it, for exact matches by index', async () => {
    const input = enrolInput();
    const { enrolment } = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, input));
    const row = (await identity.db.query<{ template_hash: string; template: string }>('SELECT template_hash, template FROM enrolments WHERE reference = $1', [enrolment.reference])).rows[0];
    expect(row).toEqual({ template_hash: templateHash(input.template), template: input.template });
  });

  it('is idempotent by source key: a repeat returns the first enrolment and adds no row', async () => {
    const input = enrolInput();
    const first = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, input));
    const again = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, { ...input, eventId: 'another-event', template: sampleTemplate('other') }));

    expect(again).toEqual({ enrolment: first.enrolment, created: false });
    const count = await identity.db.query<{ n: string }>('SELECT count(*) AS n FROM enrolments WHERE case_id = $1', [input.caseId]);
    expect(count.rows[0]?.n).toBe('1');
  });

  it('lists every enrolment of a person across cases', async () => {
    const personId = opaqueId('per');
    const first = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, enrolInput(opaqueId('case'), personId)));
    const second = await identity.db.transaction((tx) => identity.services.enrolments.enrol(tx, { ...enrolInput(opaqueId('eoi'), personId), context: 'eoi', sourceKey: `eoi:${opaqueId('eoi')}` }));

    const listed = await identity.services.enrolments.listForPerson(identity.db, personId);
    expect(listed.map((enrolment) => enrolment.reference).sort()).toEqual([first.enrolment.reference, second.enrolment.reference].sort());
    expect(listed.map((enrolment) => enrolment.context).sort()).toEqual(['arrival', 'eoi']);
  });
});
