import { randomUUID } from 'node:crypto';
import { Topics, deadLetterTopicOf, readmissionWorkflowId } from '@oioo/contracts';
import { DeadLetterHeaders } from '@oioo/kafka';
import { recordTopic } from '../support/kafka-clients';
import { asWorker } from '../support/service-tokens';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { type E2eContext, TIME_COMPRESSION } from './e2e-context';
import { ReadmissionSteps, arrivalOf, headersOf } from './readmission-steps';

/** The readmission half end to end: Border Force's events through identity, legal-review and transport to France. */
export function describeReadmissionScenarios(context: E2eContext): void {
  const steps = new ReadmissionSteps(context);

  describe('services on the real stack', () => {
    it.each(['identity', 'legalReview', 'transport'] as const)('%s reports Kafka, Temporal and its database up on /health', async (service) => {
      const response = await fetch(`${context.platform.urls[service]}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', checks: { kafka: 'up', temporal: 'up', database: 'up' } });
    });

    it.each([
      ['identity', 'POST', '/returns-register'],
      ['legalReview', 'GET', `/cases/${uniqueOpaqueId('case')}/pending-matters`],
      ['transport', 'POST', '/bookings'],
    ] as const)('%s refuses %s %s without a token (401) and admits the worker with its token from the stack provider', async (service, method, path) => {
      const call = async (headers: Record<string, string>) =>
        fetch(`${context.platform.urls[service]}${path}`, { method, headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, ...(method === 'POST' ? { body: '{}' } : {}) });
      const anonymous = await call({});
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      // Past the guard: the handler judges the (empty) body, or answers the read.
      expect((await call(await asWorker())).status).toBe(method === 'POST' ? 400 : 200);
    });
  });

  describe('arrival events through Kafka to readmission cases', () => {
    it('an arrival event is consumed, validated and turned into a signal-with-start of its case workflow', async () => {
      const data = arrivalOf(uniqueOpaqueId('case'));
      await steps.publishArrival(data);

      const view = await steps.waitForCase(data.caseId, (found) => found.state === 'screening');
      expect(view.arrivedAt).toBe(data.arrivedAt);
      const described = await context.platform.client.workflow.getHandle(readmissionWorkflowId(data.caseId)).describe();
      expect(described.searchAttributes['CaseKind']).toEqual(['readmission']);
      expect(described.searchAttributes['CaseState']).toEqual(['screening']);
    });

    it('a malformed event lands on the dead-letter topic with its reason, and the next valid event is still processed', async () => {
      const recorder = await recordTopic(deadLetterTopicOf(Topics.arrivalRecorded.name));
      try {
        const key = uniqueOpaqueId('case');
        // Same key, so both land on one partition, in order: the bad one first.
        await context.producer.publishRaw(Topics.arrivalRecorded.name, key, JSON.stringify({ eventId: 'not-a-uuid', type: Topics.arrivalRecorded.name }));
        const valid = arrivalOf(key);
        await steps.publishArrival(valid);

        const letters = await eventually(async () => recorder.messages.filter((message) => message.key?.toString() === key), (found) => found.length === 1);
        const headers = headersOf(letters[0]);
        expect(headers[DeadLetterHeaders.kind]).toBe('invalid');
        expect(headers[DeadLetterHeaders.sourceTopic]).toBe(Topics.arrivalRecorded.name);
        expect(Number(headers[DeadLetterHeaders.sourcePartition])).toBeGreaterThanOrEqual(0);
        expect(Number(headers[DeadLetterHeaders.sourceOffset])).toBeGreaterThanOrEqual(0);
        expect(headers[DeadLetterHeaders.reason]).toMatch(/eventId/);
        await steps.waitForCase(valid.caseId, (view) => view.state === 'screening');
      } finally {
        await recorder.stop();
      }
    });

    it('a duplicated arrival event reaches the same case and opens no second one', async () => {
      const data = arrivalOf(uniqueOpaqueId('case'));
      const eventId = randomUUID();
      await steps.publishArrival(data, eventId);
      await steps.publishArrival(data, eventId);

      const view = await steps.waitForCase(data.caseId, (found) => found.timeline.some((entry) => entry.what === 'duplicate-arrival-ignored'));
      expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
      let runs = 0;
      for await (const _ of context.platform.client.workflow.list({ query: `WorkflowId = '${readmissionWorkflowId(data.caseId)}'` })) runs += 1;
      expect(runs).toBe(1);
    });
  });

  describe('a readmission case end to end, through all three services', () => {
    it('R3 R4 R5 R8 R9 R11 an arrival event travels through identity, legal-review and transport to a confirmed handover', async () => {
      const startedAt = Date.now();
      const { caseId, driver, data } = await steps.caseAwaitingFrance();
      // R9: France gets the manifest ahead of the movement, with opaque ids only; R5 is checked at the last moment.
      const manifest = await steps.acceptedToHandover(caseId, driver);
      expect(manifest.passengers).toContainEqual({ caseId, personId: data.personId });

      await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
      const elapsedMs = Date.now() - startedAt;
      process.stdout.write(`e2e: arrival event to confirmed handover in ${(elapsedMs / 1000).toFixed(1)} s at time compression ${TIME_COMPRESSION}\n`);
      // R11: the returned person is now on the returns register; the same biometrics would be found again.
      const check = await fetch(`${context.platform.urls.identity}/register-checks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await asWorker()) },
        body: JSON.stringify({ template: data.biometricTemplate }),
      });
      expect(await check.json()).toMatchObject({ returned: true });
    });

    it('R7 an injunction lodged mid-way holds the transfer until it is released', async () => {
      const { caseId, driver, data } = await steps.caseAwaitingFrance();
      await steps.franceReplies(caseId, 'accepted');
      await steps.waitForCase(caseId, (view) => view.state === 'removal-directions');
      await driver.serveRemovalDirections();
      const booked = await steps.waitForCase(caseId, (view) => view.state === 'movement-booked');

      const challengeId = uniqueOpaqueId('chl');
      await context.producer.publish(Topics.challengeLodged, {
        subject: caseId,
        source: 'uk-courts',
        occurredAt: new Date().toISOString(),
        data: { challengeId, caseId, personId: data.personId, kind: 'injunction', lodgedAt: new Date().toISOString() },
      });
      const held = await steps.waitForCase(caseId, (view) => view.onHold && view.state === 'awaiting-movement');
      expect(held.holds).toEqual([expect.objectContaining({ reference: challengeId, kind: 'injunction' })]);
      // Held: the seat was given back and nothing moves.
      const pending = (await (await fetch(`${context.platform.urls.legalReview}/cases/${caseId}/pending-matters`, { headers: await asWorker() })).json()) as { pending: unknown[] };
      expect(pending.pending).toEqual([{ kind: 'injunction', reference: challengeId }]);

      await context.producer.publish(Topics.challengeDecided, {
        subject: caseId,
        source: 'uk-courts',
        occurredAt: new Date().toISOString(),
        data: { challengeId, caseId, outcome: 'dismissed', decidedAt: new Date().toISOString() },
      });
      const resumed = await steps.waitForCase(caseId, (view) => !view.onHold && view.state === 'movement-booked');
      expect(resumed.movement?.movementId).toBeDefined();
      expect(booked.movement?.movementId).toBeDefined();
      await driver.handle.terminate('test finished');
    });

    it('an out-of-order French reply (before any request) goes to the dead-letter topic with its reason, and the case is unharmed', async () => {
      const recorder = await recordTopic(deadLetterTopicOf(Topics.franceReplied.name));
      try {
        const data = arrivalOf(uniqueOpaqueId('case'));
        await steps.publishArrival(data);
        const before = await steps.waitForCase(data.caseId, (view) => view.state === 'screening');
        await context.producer.publish(Topics.franceReplied, {
          subject: data.caseId,
          source: 'fr-ministry-interior',
          occurredAt: new Date().toISOString(),
          data: { requestReference: uniqueOpaqueId('req'), caseId: data.caseId, kind: 'accepted' },
        });

        const letters = await eventually(async () => recorder.messages.filter((message) => message.key?.toString() === data.caseId), (found) => found.length === 1);
        const headers = headersOf(letters[0]);
        expect(headers[DeadLetterHeaders.kind]).toBe('rejected');
        expect(headers[DeadLetterHeaders.reason]).toMatch(/request/);
        expect(await steps.caseView(data.caseId)).toEqual(before);
      } finally {
        await recorder.stop();
      }
    });
  });
}
