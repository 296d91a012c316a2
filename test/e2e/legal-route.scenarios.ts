import { randomUUID } from 'node:crypto';
import { type ArrivalRecordedData, type WeeklyReportPublishedData, Topics, deadLetterTopicOf, eoiWorkflowId, ledgerWorkflowId } from '@oioo/contracts';
import { isoWeekOf, isoWeekStart, nextIsoWeekStart } from '@oioo/domain';
import { DeadLetterHeaders } from '@oioo/kafka';
import { weeklyReportQuery } from '@oioo/workflows-equivalence-ledger';
import { recordTopic } from '../support/kafka-clients';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { type E2eContext, eventsOn } from './e2e-context';
import { LegalRouteSteps, applicantOf, submissionOf } from './legal-route-steps';
import { ReadmissionSteps, headersOf } from './readmission-steps';

/** The legal route end to end, balanced by the ledger against readmissions that really ran through the platform. */
export function describeLegalRouteScenarios(context: E2eContext): void {
  const route = new LegalRouteSteps(context);
  const readmissions = new ReadmissionSteps(context);
  /** People readmitted to France in this run, with the biometrics Border Force took at their arrival. */
  const readmitted: ArrivalRecordedData[] = [];

  describe('the legal route end to end, balanced by the equivalence ledger', () => {
    it('E5 E6 E7 E8 Q1 a family of three is admitted only after three readmissions are confirmed', async () => {
      expect(await route.balance()).toMatchObject({ readmissions: 0, admissions: 0, headroom: 0 });
      const family = [applicantOf(), applicantOf({ role: 'partner', givenNames: 'Senait', dateOfBirth: '1993-01-30' }), applicantOf({ role: 'child', givenNames: 'Yonas', dateOfBirth: '2019-06-02' })];
      const submission = submissionOf(family);
      await route.publishSubmission(submission);
      const asked = await route.confirmPresence(submission.eoiId);
      expect(asked.personIds).toEqual([family[0]?.personId, family[1]?.personId]);
      await route.waitForEoi(submission.eoiId, (view) => view.timeline.some((entry) => entry.what === 'places-held'));
      expect(await route.balance()).toMatchObject({ eoisHeld: 1, placesHeld: 3 });

      readmitted.push(...(await Promise.all([readmissions.readmit(), readmissions.readmit()])));
      await route.waitForBalance((balance) => balance.readmissions === 2);
      expect((await route.eoiView(submission.eoiId)).state).toBe('held');
      readmitted.push(await readmissions.readmit());
      await route.waitForEoi(submission.eoiId, (view) => view.state === 'invited');
      expect(await route.balance()).toMatchObject({ readmissions: 3, grantsOutstanding: 3, eoisHeld: 0, imbalance: 0 });

      await route.attendVisaCentre(submission.eoiId);
      await route.clearSecurityChecks(submission.eoiId);
      await route.grant(submission.eoiId);
      const journey = await route.arriveAtBorder(submission.eoiId);
      expect(journey.personIds).toEqual(family.map((person) => person.personId));

      const result = await context.platform.client.workflow.getHandle(eoiWorkflowId(submission.eoiId)).result();
      expect(result).toMatchObject({ outcome: 'admitted', admitted: 3 });
      expect(await route.waitForBalance((balance) => balance.admissions === 3)).toMatchObject({ readmissions: 3, admissions: 3, grantsOutstanding: 0, imbalance: 0 });
      // S3: nothing personal reached the workflow: no names, no document number.
      const history = JSON.stringify(await context.platform.client.workflow.getHandle(eoiWorkflowId(submission.eoiId)).fetchHistory());
      expect(history).not.toContain('Tesfaye');
      expect(history).not.toContain('P1234567');
    });

    it('E4 a person readmitted earlier applies and is refused by biometric match; the place goes back to the ledger', async () => {
      const returned = readmitted[0] as ArrivalRecordedData;
      const applicant = applicantOf();
      const submission = submissionOf([applicant]);
      await Promise.all([
        readmissions.readmit().then((data) => readmitted.push(data)),
        (async () => {
          await route.publishSubmission(submission);
          await route.confirmPresence(submission.eoiId);
        })(),
      ]);
      await route.waitForEoi(submission.eoiId, (view) => view.state === 'invited');

      await route.attendVisaCentre(submission.eoiId, { [applicant.personId]: returned.biometricTemplate });

      const result = await context.platform.client.workflow.getHandle(eoiWorkflowId(submission.eoiId)).result();
      expect(result).toMatchObject({ outcome: 'refused', reason: `E4: the biometrics of ${applicant.personId} match a return under the scheme (R11)` });
      expect(await route.waitForBalance((balance) => balance.placesReturned === 1)).toMatchObject({ readmissions: 4, admissions: 3, grantsOutstanding: 0, headroom: 1 });
    });

    it('bad input: a malformed submission, a confirmation for an unknown EOI and an arrival with no grant are dead-lettered with their reasons; nothing is counted', async () => {
      const before = await route.balance();
      const letters = await Promise.all([Topics.eoiSubmitted, Topics.presenceConfirmed, Topics.entryRecorded].map((topic) => recordTopic(deadLetterTopicOf(topic.name))));
      try {
        // Past our own producer's validation, as a faulty portal would send it: a bad document.
        const broken = submissionOf([applicantOf({ document: { kind: 'passport', number: 'X', issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '31/12/2030' } })]);
        const envelope = { eventId: randomUUID(), type: Topics.eoiSubmitted.name, source: 'eoi-portal', subject: broken.eoiId, occurredAt: broken.submittedAt, schemaVersion: 1, correlationId: broken.eoiId, data: broken };
        await context.producer.publishRaw(Topics.eoiSubmitted.name, broken.eoiId, JSON.stringify(envelope));
        const stranger = uniqueOpaqueId('eoi');
        await context.producer.publish(Topics.presenceConfirmed, {
          subject: stranger,
          source: 'eoi-portal',
          occurredAt: new Date().toISOString(),
          data: { eoiId: stranger, personId: uniqueOpaqueId('per'), confirmedAt: new Date().toISOString(), country: 'FRA' },
        });
        const held = submissionOf([applicantOf()]);
        await route.publishSubmission(held);
        await route.confirmPresence(held.eoiId);
        await route.waitForEoi(held.eoiId, (view) => view.state === 'held' || view.state === 'invited');
        await route.publishEntry({ eoiId: held.eoiId, personId: held.applicants[0]?.personId as string, arrivedAt: new Date().toISOString(), port: 'Dover' });

        const [submissionLetter, confirmationLetter, entryLetter] = await Promise.all(
          [broken.eoiId, stranger, held.eoiId].map(async (key, index) =>
            headersOf((await eventually(async () => (letters[index]?.messages ?? []).filter((message) => message.key?.toString() === key), (found) => found.length > 0, 60_000))[0]),
          ),
        );
        expect(submissionLetter).toMatchObject({ [DeadLetterHeaders.kind]: 'invalid', [DeadLetterHeaders.reason]: expect.stringMatching(/expiresOn|number/) });
        expect(confirmationLetter).toMatchObject({ [DeadLetterHeaders.kind]: 'rejected', [DeadLetterHeaders.reason]: expect.stringMatching(/unknown EOI|not known|no EOI/i) });
        expect(entryLetter).toMatchObject({ [DeadLetterHeaders.kind]: 'rejected', [DeadLetterHeaders.reason]: expect.stringMatching(/E8: .*no grant/) });
        const after = await route.balance();
        expect({ readmissions: after.readmissions, admissions: after.admissions }).toEqual({ readmissions: before.readmissions, admissions: before.admissions });
        await context.platform.client.workflow.getHandle(eoiWorkflowId(held.eoiId)).terminate('test finished');
      } finally {
        for (const letter of letters) await letter.stop();
      }
    });

    it('Q3 the weekly reports published for the simulated weeks add up to the cases that ran in them', async () => {
      const pilotId = context.platform.pilotId;
      const published = await eventually(
        async () => eventsOn<WeeklyReportPublishedData>(context.sent.weeklyReports).filter((event) => event.subject === pilotId),
        (found) => found.length >= 1,
        90_000,
      );
      const reports = published.map((event) => event.data).sort((a, b) => a.isoWeek.localeCompare(b.isoWeek));
      const balance = await route.balance();
      const ledger = context.platform.client.workflow.getHandle(ledgerWorkflowId(pilotId));
      // Weeks not published yet (the one running, and one that has just ended) are read from the ledger's own query.
      const unpublished = [];
      const current = isoWeekStart(balance.currentWeek.isoWeek).getTime();
      for (let start = nextIsoWeekStart(isoWeekStart(reports.at(-1)?.isoWeek as string)); start.getTime() <= current; start = nextIsoWeekStart(start)) {
        unpublished.push(await ledger.query(weeklyReportQuery, isoWeekOf(start)));
      }
      const weeks = [...reports, ...unpublished];

      let readmissionsSoFar = 0;
      let admissionsSoFar = 0;
      for (const week of reports) {
        readmissionsSoFar += week.week.readmissions;
        admissionsSoFar += week.week.admissions;
        // Each report's standing figures are the sum of the weeks up to it: no case counted twice or lost.
        expect({ week: week.isoWeek, readmissions: week.readmissions, admissions: week.admissions }).toEqual({ week: week.isoWeek, readmissions: readmissionsSoFar, admissions: admissionsSoFar });
        expect(week.imbalance).toBe(week.admissions + week.grantsOutstanding - week.readmissions);
      }
      const total = (field: 'readmissions' | 'admissions') => weeks.reduce((sum, week) => sum + week.week[field], 0);
      expect({ readmissions: total('readmissions'), admissions: total('admissions') }).toEqual({ readmissions: readmitted.length, admissions: 3 });
      expect({ readmissions: balance.readmissions, admissions: balance.admissions }).toEqual({ readmissions: readmitted.length, admissions: 3 });
      expect(new Set(reports.map((report) => report.isoWeek)).size).toBe(reports.length);
    });
  });
}
