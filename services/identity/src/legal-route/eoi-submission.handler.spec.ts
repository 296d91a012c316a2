import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { DEFAULT_PILOT_ID, type EoiSubmittedData, type EventEnvelope, TaskQueues, Topics, eoiWorkflowId } from '@oioo/contracts';
import { type EoiSubmittedSignalInput } from '@oioo/workflows-eoi';
import { FakeTemporalClient } from '../test-support/fake-temporal-client';
import { type LegalRouteTestApp, PERSONAL_DATA, countRows, eoiSubmittedEvent, startLegalRouteTestApp } from '../test-support/legal-route-test-kit';
import { EoiCaseGateway } from './eoi-case.gateway';
import { EoiSubmissionHandler } from './eoi-submission.handler';
import { EoiSubmissionsRepository } from './eoi-submissions.repository';

let kit: LegalRouteTestApp;

beforeAll(async () => {
  kit = await startLegalRouteTestApp();
}, 60_000);

afterAll(() => kit?.close());

/** The submission signals the case received, in order. */
function submissionsTo(eoiId: string): EoiSubmittedSignalInput[] {
  return kit.temporal.signalsTo(eoiWorkflowId(eoiId), 'eoiSubmitted') as EoiSubmittedSignalInput[];
}

/** Everything the workflow was given, as text, to look for personal data in. */
function whatTheCaseSaw(eoiId: string): string {
  const workflowId = eoiWorkflowId(eoiId);
  return JSON.stringify([kit.temporal.starts.filter((start) => start.workflowId === workflowId), kit.temporal.signals.filter((signal) => signal.workflowId === workflowId)]);
}

describe('EOI submissions from the portal', () => {
  it('S3 E5 opens eoi:<eoiId> on the legal-route queue by signal-with-start, with eligibility facts and no names or document numbers', async () => {
    const event = eoiSubmittedEvent();
    const { eoiId, applicants } = event.data;

    await kit.deliver(Topics.eoiSubmitted, event);

    expect(kit.temporal.starts.filter((start) => start.workflowId === eoiWorkflowId(eoiId))).toEqual([
      {
        workflowType: 'eoiCaseWorkflow',
        workflowId: `eoi:${eoiId}`,
        taskQueue: TaskQueues.legalRoute,
        // Nothing configured: the case keeps the policy defaults.
        args: [{ eoiId, pilotId: DEFAULT_PILOT_ID }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      },
    ]);
    const [main, partner, child] = applicants;
    expect(submissionsTo(eoiId)).toEqual([
      {
        eventId: event.eventId,
        eoiId,
        familyReference: 'FAM-2025-0042',
        submittedAt: '2025-09-03T06:30:00.000Z',
        applicants: [
          {
            personId: main?.personId,
            role: 'main',
            dateOfBirth: '1991-11-23',
            nationalities: ['ERI'],
            document: { kind: 'passport', issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '2023-05-31' },
            eeaFamilyMember: false,
            protectionElsewhere: false,
            frenchResidencePermission: false,
            ukLinkWithin5Years: true,
          },
          expect.objectContaining({ personId: partner?.personId, role: 'partner', document: { kind: 'national-identity-card', issuingCountry: 'ERI', nationalityShown: null, expiresOn: '2030-01-01' } }),
          expect.objectContaining({ personId: child?.personId, role: 'child', dateOfBirth: '2016-03-09' }),
        ],
      },
    ]);
    const seen = whatTheCaseSaw(eoiId);
    for (const value of [...Object.values(PERSONAL_DATA), 'Selam', 'Yonas', 'givenNames', 'familyName', '"number"']) expect(seen).not.toContain(value);
    expect(kit.deadLetters(Topics.eoiSubmitted)).toEqual([]);
  });

  it("S3 keeps each applicant's personal data in identity's own tables, keyed by EOI and person", async () => {
    const event = eoiSubmittedEvent();
    await kit.deliver(Topics.eoiSubmitted, event);

    const { rows } = await kit.db.query<{ person_id: string; given_names: string; family_name: string; date_of_birth: string; document_number: string; document_expires_on: string }>(
      'SELECT person_id, given_names, family_name, date_of_birth, document_number, document_expires_on FROM eoi_applicants WHERE eoi_id = $1 ORDER BY position',
      [event.data.eoiId],
    );
    expect(rows).toEqual([
      { person_id: event.data.applicants[0]?.personId, given_names: PERSONAL_DATA.givenNames, family_name: PERSONAL_DATA.familyName, date_of_birth: '1991-11-23', document_number: PERSONAL_DATA.documentNumber, document_expires_on: '2023-05-31' },
      { person_id: event.data.applicants[1]?.personId, given_names: 'Selam', family_name: PERSONAL_DATA.familyName, date_of_birth: '1991-11-23', document_number: PERSONAL_DATA.partnerDocumentNumber, document_expires_on: '2030-01-01' },
      { person_id: event.data.applicants[2]?.personId, given_names: 'Yonas', family_name: PERSONAL_DATA.familyName, date_of_birth: '2016-03-09', document_number: PERSONAL_DATA.documentNumber, document_expires_on: '2023-05-31' },
    ]);
  });

  it('S3 logs opaque ids only: no name, date of birth or document number in any log line', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const event = eoiSubmittedEvent();
      await kit.deliver(Topics.eoiSubmitted, event);
      await kit.deliver(Topics.eoiSubmitted, { ...event, eventId: randomUUID() });
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toContain('EOI submission forwarded to its case');
    for (const value of [...Object.values(PERSONAL_DATA), 'Selam', '1991-11-23']) expect(lines.join('')).not.toContain(value);
  });

  it('a redelivered submission stores nothing twice, and every copy sends the case the first submission', async () => {
    const event = eoiSubmittedEvent();
    const { eoiId } = event.data;

    await kit.deliver(Topics.eoiSubmitted, event);
    await kit.deliver(Topics.eoiSubmitted, event);
    // The portal sent it again as a new event, with a detail changed: the first submission stands.
    await kit.deliver(Topics.eoiSubmitted, { ...event, eventId: randomUUID(), data: { ...event.data, familyReference: 'FAM-2025-9999' } });

    expect(await countRows(kit.db, 'eoi_submissions', eoiId)).toBe(1);
    expect(await countRows(kit.db, 'eoi_applicants', eoiId)).toBe(3);
    const sent = submissionsTo(eoiId);
    expect(sent).toHaveLength(3);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[2]).toEqual(sent[0]);
    expect(sent[0]).toMatchObject({ eventId: event.eventId, familyReference: 'FAM-2025-0042' });
    expect(kit.temporal.starts.filter((start) => start.workflowId === eoiWorkflowId(eoiId))).toHaveLength(1);
    expect(kit.deadLetters(Topics.eoiSubmitted)).toEqual([]);
  });

  it('E5 a submission naming other people for an EOI already stored is dead-lettered as rejected with its reason, and nothing changes', async () => {
    const event = eoiSubmittedEvent();
    await kit.deliver(Topics.eoiSubmitted, event);
    const other = eoiSubmittedEvent({ eoiId: event.data.eoiId });
    const before = kit.deadLetters(Topics.eoiSubmitted).length;

    await kit.deliver(Topics.eoiSubmitted, other);

    const [dead, ...more] = kit.deadLetters(Topics.eoiSubmitted).slice(before);
    expect(more).toEqual([]);
    expect(dead).toMatchObject({ kind: 'rejected', reason: `EOI ${event.data.eoiId} was already submitted with other applicants (3 stored, 3 in this event); the people in an EOI cannot change` });
    expect(await countRows(kit.db, 'eoi_applicants', event.data.eoiId)).toBe(3);
    expect(submissionsTo(event.data.eoiId)).toHaveLength(1);
  });

  it('a late copy of the submission of an EOI case that has ended is logged and ignored, never reopening the case', async () => {
    const event = eoiSubmittedEvent();
    await kit.deliver(Topics.eoiSubmitted, event);
    kit.temporal.end(eoiWorkflowId(event.data.eoiId));

    await expect(kit.app.get(EoiSubmissionHandler).forward({ ...event, eventId: randomUUID() })).resolves.toBe('case-already-closed');
    expect(kit.temporal.starts.filter((start) => start.workflowId === eoiWorkflowId(event.data.eoiId))).toHaveLength(1);
  });

  it('a submission with a missing field is dead-lettered as invalid with its reason; nothing is stored or signalled', async () => {
    const event = eoiSubmittedEvent();
    const [first, ...rest] = event.data.applicants;
    const { dateOfBirth: _missing, ...withoutBirthDate } = first as NonNullable<typeof first>;
    const before = kit.deadLetters(Topics.eoiSubmitted).length;

    await kit.deliver(Topics.eoiSubmitted, JSON.stringify({ ...event, data: { ...event.data, applicants: [withoutBirthDate, ...rest] } }), event.subject);

    const [dead, ...more] = kit.deadLetters(Topics.eoiSubmitted).slice(before);
    expect(more).toEqual([]);
    expect(dead?.kind).toBe('invalid');
    expect(dead?.reason).toMatch(/data\.applicants\.0\.dateOfBirth/);
    await expectNothingOf(event);
  });

  it('E3 a submission with a malformed identity document (expiry not a date) is dead-lettered as invalid with its reason; nothing is stored or signalled', async () => {
    const event = eoiSubmittedEvent();
    const [first, ...rest] = event.data.applicants;
    const badDocument = { ...(first as NonNullable<typeof first>), document: { ...first?.document, expiresOn: '31/05/2023' } };
    const before = kit.deadLetters(Topics.eoiSubmitted).length;

    await kit.deliver(Topics.eoiSubmitted, JSON.stringify({ ...event, data: { ...event.data, applicants: [badDocument, ...rest] } }), event.subject);

    const [dead, ...more] = kit.deadLetters(Topics.eoiSubmitted).slice(before);
    expect(more).toEqual([]);
    expect(dead?.kind).toBe('invalid');
    expect(dead?.reason).toMatch(/data\.applicants\.0\.document\.expiresOn/);
    await expectNothingOf(event);
  });

  it('a submission that cannot reach Temporal is retried, then dead-lettered; it stays stored and a redelivery opens the case', async () => {
    const event = eoiSubmittedEvent();
    const before = kit.deadLetters(Topics.eoiSubmitted).length;
    kit.temporal.failure = new Error('connect ECONNREFUSED 127.0.0.1:7233');
    try {
      await kit.deliver(Topics.eoiSubmitted, event);
    } finally {
      kit.temporal.failure = undefined;
    }
    expect(kit.deadLetters(Topics.eoiSubmitted).slice(before)).toEqual([expect.objectContaining({ kind: 'handler-failed' })]);
    expect(await countRows(kit.db, 'eoi_applicants', event.data.eoiId)).toBe(3);

    await kit.deliver(Topics.eoiSubmitted, event);
    expect(submissionsTo(event.data.eoiId)).toEqual([expect.objectContaining({ eventId: event.eventId })]);
  });

  it('E1 new cases take the configured pilot, time compression and windows', async () => {
    const temporal = new FakeTemporalClient();
    const windows = [{ opensAt: '2025-09-01T00:00:00.000Z', closesAt: '2025-10-01T00:00:00.000Z' }];
    const handler = new EoiSubmissionHandler(kit.db, new EoiSubmissionsRepository(kit.services.people), new EoiCaseGateway(temporal.asClient()), {
      pilotId: 'pilot_UKFR00000002',
      legalRouteTimeCompression: 1440,
      eoiWindows: windows,
      legalRouteTeams: ['legal-route'],
    });
    const event: EventEnvelope<EoiSubmittedData> = eoiSubmittedEvent();

    await expect(handler.forward(event)).resolves.toBe('case-signalled');

    expect(temporal.starts[0]?.args).toEqual([{ eoiId: event.data.eoiId, pilotId: 'pilot_UKFR00000002', policy: { timeCompression: 1440, windows } }]);
  });
});

/** Nothing of the submission was stored, and its case was neither started nor signalled. */
async function expectNothingOf(event: EventEnvelope<EoiSubmittedData>): Promise<void> {
  expect(await countRows(kit.db, 'eoi_submissions', event.data.eoiId)).toBe(0);
  expect(await countRows(kit.db, 'eoi_applicants', event.data.eoiId)).toBe(0);
  expect(whatTheCaseSaw(event.data.eoiId)).toBe('[[],[]]');
}
