import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Partitioners } from 'kafkajs';
import { type ArrivalRecordLinkedData, type ArrivalRecordedData, Topics, ledgerWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { balanceQuery } from '@oioo/workflows-equivalence-ledger';
import { recordTopic } from '../support/kafka-clients';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { type E2eContext, type RecordedTopic, eventsOn } from './e2e-context';
import { ReadmissionSteps, arrivalOf } from './readmission-steps';

/** A template as long as a real capture, so one changed character is a near match (the score is over shingles). */
function longTemplate(): string {
  return `tpl-${[randomUUID(), randomUUID(), randomUUID(), randomUUID()].join('').replace(/-/g, '')}`;
}

/** The same capture with one character changed in the middle: a second sample of the same person. */
function nearSample(template: string): string {
  const middle = Math.floor(template.length / 2);
  return `${template.slice(0, middle)}${template[middle] === 'z' ? 'y' : 'z'}${template.slice(middle + 1)}`;
}

/** The partition Border Force's producer sends a case id to (the Java client's hash, as the platform's producers use). */
function partitionOf(caseId: string): number {
  const partitionMetadata = Array.from({ length: Topics.arrivalRecorded.partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  return Partitioners.DefaultPartitioner()({ topic: Topics.arrivalRecorded.name, partitionMetadata, message: { key: caseId, value: null } });
}

/** Two fresh case ids that land on different partitions of the arrival topic. */
function caseIdsOnTwoPartitions(): [string, string] {
  const first = uniqueOpaqueId('case');
  for (;;) {
    const second = uniqueOpaqueId('case');
    if (partitionOf(second) !== partitionOf(first)) return [first, second];
  }
}

/**
 * R11, one person, one case, through the real broker and server: Border Force's second records of a
 * person identity already holds, and the arrivals that are genuinely new crossings.
 */
export function describeArrivalRecordScenarios(context: E2eContext): void {
  const steps = new ReadmissionSteps(context);
  let linkNotices: RecordedTopic;
  let arrivals: RecordedTopic;
  /** The person returned in the scenario that takes a case to handover; the re-entry scenario brings them back. */
  let returned: ArrivalRecordedData | undefined;

  const readmissions = async () => (await context.platform.client.workflow.getHandle(ledgerWorkflowId(context.platform.pilotId)).query(balanceQuery)).readmissions;
  const noticeFor = (recordCaseId: string) =>
    eventually(
      async () => eventsOn<ArrivalRecordLinkedData>(linkNotices).filter((event) => event.data.recordCaseId === recordCaseId),
      (found) => found.length > 0,
    ).then((found) => (found[0] as { data: ArrivalRecordLinkedData }).data);
  const caseExists = async (caseId: string) => {
    try {
      await context.platform.client.workflow.getHandle(readmissionWorkflowId(caseId)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  };
  /** Border Force's second record of an arrival: a new case id and person id, the same arrival, crossing and biometrics. */
  const secondRecordOf = (data: ArrivalRecordedData, overrides: Partial<ArrivalRecordedData> = {}) =>
    arrivalOf(uniqueOpaqueId('case'), { arrivedAt: data.arrivedAt, route: data.route, crossingEvidence: data.crossingEvidence, biometricTemplate: data.biometricTemplate, ...overrides });

  describe('one person, one case: second records of a person through Kafka', () => {
    beforeAll(async () => {
      [linkNotices, arrivals] = await Promise.all([recordTopic(Topics.arrivalRecordLinked.name), recordTopic(Topics.arrivalRecorded.name)]);
    });
    afterAll(async () => {
      await Promise.all([linkNotices?.stop(), arrivals?.stop()]);
    });

    it('R11 a second record of an arrival opens no case: the open case notes it and identity announces the link', async () => {
      const first = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: longTemplate() });
      await steps.publishArrival(first);
      await steps.waitForCase(first.caseId, (view) => view.state === 'screening');
      const second = secondRecordOf(first);
      const secondEventId = randomUUID();
      await steps.publishArrival(second, secondEventId);

      await expect(noticeFor(second.caseId)).resolves.toEqual({
        recordCaseId: second.caseId,
        recordEventId: secondEventId,
        caseId: first.caseId,
        link: 'open-case',
        matchScore: 1,
        linkedAt: expect.any(String),
      });
      await expect(caseExists(second.caseId)).resolves.toBe(false);
      const view = await steps.waitForCase(first.caseId, (found) => found.timeline.some((entry) => entry.what === 'duplicate-record-linked'));
      expect(view.timeline.find((entry) => entry.what === 'duplicate-record-linked')?.evidence).toEqual([`record:${second.caseId}`, `event:${secondEventId}`]);
      expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
      await steps.driverFor(first.caseId).handle.terminate('scenario finished');
    });

    it('R11 Q1 two records published at the same instant on two partitions open one case, whose handover the ledger counts once; a late third record opens nothing', async () => {
      const [oneId, otherId] = caseIdsOnTwoPartitions();
      const one = arrivalOf(oneId, { biometricTemplate: longTemplate() });
      const other = secondRecordOf(one, { caseId: otherId });

      await Promise.all([steps.publishArrival(one), steps.publishArrival(other)]);

      const published = await eventually(
        async () => arrivals.messages.filter((message) => [oneId, otherId].includes(message.key?.toString() ?? '')),
        (found) => found.length === 2,
      );
      expect(new Set(published.map((message) => message.partition)).size).toBe(2);
      const notice = await eventually(
        async () => eventsOn<ArrivalRecordLinkedData>(linkNotices).filter((event) => [oneId, otherId].includes(event.data.recordCaseId)),
        (found) => found.length > 0,
      );
      const linkedId = (notice[0] as { data: ArrivalRecordLinkedData }).data.recordCaseId;
      const openedId = linkedId === oneId ? otherId : oneId;
      expect((notice[0] as { data: ArrivalRecordLinkedData }).data).toMatchObject({ caseId: openedId, link: 'open-case' });
      await expect(caseExists(linkedId)).resolves.toBe(false);

      const driver = await steps.toAwaitingFrance(openedId);
      const before = await readmissions();
      await steps.acceptedToHandover(openedId, driver);
      await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
      await eventually(readmissions, (count) => count === before + 1);
      returned = linkedId === oneId ? other : one;

      // Border Force's late record of the same crossing, after the return: no re-entry, no case, nothing counted.
      const late = secondRecordOf(one);
      await steps.publishArrival(late);
      await expect(noticeFor(late.caseId)).resolves.toMatchObject({ caseId: openedId, link: 'ended-case' });
      await expect(caseExists(late.caseId)).resolves.toBe(false);
      expect(eventsOn<ArrivalRecordLinkedData>(linkNotices).filter((event) => [oneId, otherId].includes(event.data.recordCaseId))).toHaveLength(1);
      await expect(readmissions()).resolves.toBe(before + 1);
    });

    it('R11 a near match above the threshold is the same person: the record is linked to the open case with its score', async () => {
      const first = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: longTemplate() });
      await steps.publishArrival(first);
      await steps.waitForCase(first.caseId, (view) => view.state === 'screening');
      const near = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: nearSample(first.biometricTemplate) });
      await steps.publishArrival(near);

      const notice = await noticeFor(near.caseId);
      expect(notice).toMatchObject({ caseId: first.caseId, link: 'open-case' });
      expect(notice.matchScore).toBeGreaterThanOrEqual(0.9);
      expect(notice.matchScore).toBeLessThan(1);
      await expect(caseExists(near.caseId)).resolves.toBe(false);
      await steps.driverFor(first.caseId).handle.terminate('scenario finished');
    });

    it('R11 a person returned under the scheme who arrives again gets a new case flagged as a re-entry', async () => {
      if (!returned) throw new Error('this scenario brings back the person returned in the handover scenario before it, which did not finish');
      const reEntry = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: returned.biometricTemplate });
      await steps.publishArrival(reEntry);

      const view = await steps.waitForCase(reEntry.caseId, (found) => found.state === 'screening');
      expect(view.reEntry).toBe(true);
      expect(view.timeline.find((entry) => entry.what === 'flagged-re-entry')?.evidence).toContain(`case:${returned.caseId}`);
      await steps.driverFor(reEntry.caseId).handle.terminate('scenario finished');
    });

    it('R11 an arrival after a case that ended without a return is a new case linked to the earlier one, not a re-entry', async () => {
      // No crossing evidence: the first case is excluded at once (R1) and ends without a return.
      const first = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: longTemplate(), crossingEvidence: [] });
      await steps.publishArrival(first);
      await steps.waitForCase(first.caseId, (view) => view.state === 'excluded');
      await expect(steps.driverFor(first.caseId).handle.result()).resolves.toMatchObject({ outcome: 'excluded' });

      const again = arrivalOf(uniqueOpaqueId('case'), { biometricTemplate: first.biometricTemplate });
      await steps.publishArrival(again);

      const view = await steps.waitForCase(again.caseId, (found) => found.state === 'screening');
      expect(view.reEntry).toBe(false);
      expect(view.timeline.find((entry) => entry.what === 'linked-earlier-case')?.evidence).toContain(`case:${first.caseId}`);
      await steps.driverFor(again.caseId).handle.terminate('scenario finished');
    });
  });
}
