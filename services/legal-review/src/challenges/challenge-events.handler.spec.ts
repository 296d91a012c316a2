import { randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type ChallengeDecidedData, type ChallengeLodgedData, type EventEnvelope, TaskQueues, Topics } from '@oioo/contracts';
import { type Database } from '@oioo/database';
import { EventRejectedError } from '@oioo/kafka';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '@oioo/testing';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { CaseWorkflowGateway } from '../case-workflow/case-workflow.gateway';
import { openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { ChallengeEventsHandler } from './challenge-events.handler';
import { ChallengesRepository } from './challenges.repository';
import { PendingMattersController } from './pending-matters.controller';

let testWorker: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: Database;
let register: ChallengesRepository;
let handler: ChallengeEventsHandler;
let pendingMatters: PendingMattersController;

beforeAll(async () => {
  testWorker = await startTimeSkippingWorker({
    taskQueue: TaskQueues.readmission,
    workflowsPath: require.resolve('@oioo/workflows-readmission'),
    activities: new FakeReadmissionServices().activities(),
  });
  env = testWorker.env;
  db = await openLegalReviewTestDatabase();
  register = new ChallengesRepository(db);
  handler = new ChallengeEventsHandler(register, new CaseWorkflowGateway(env.client));
  pendingMatters = new PendingMattersController(register);
}, 120_000);

afterAll(async () => {
  await testWorker?.stop();
  await db?.close();
});

async function openCase(): Promise<CaseDriver> {
  return CaseDriver.open(env.client, arrivalOf(nextCaseId(), new Date(await env.currentTimeMs())));
}

function challengeId(): string {
  return `chl_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

function envelope<Data>(type: string, subject: string, data: Data): EventEnvelope<Data> {
  return { eventId: randomUUID(), type, source: 'uk-courts', subject, occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: subject, data };
}

function lodged(caseId: string, id: string, kind: ChallengeLodgedData['kind'] = 'injunction'): EventEnvelope<ChallengeLodgedData> {
  return envelope(Topics.challengeLodged.name, caseId, { challengeId: id, caseId, personId: `per_${caseId.slice(5)}`, kind, lodgedAt: new Date().toISOString() });
}

function decided(caseId: string, id: string, outcome: ChallengeDecidedData['outcome'] = 'dismissed', decidedAt = '2025-09-20T10:00:00Z'): EventEnvelope<ChallengeDecidedData> {
  return envelope(Topics.challengeDecided.name, caseId, { challengeId: id, caseId, outcome, decidedAt });
}

async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(EventRejectedError);
  return (error as Error).message;
}

async function pendingReferences(caseId: string): Promise<string[]> {
  return (await pendingMatters.pendingMatters(caseId)).pending.map((matter) => matter.reference);
}

describe('challenge events', () => {
  it('R7 a lodged challenge puts the case on hold and its decision releases it; R5 sees it pending in between', async () => {
    const driver = await openCase();
    const id = challengeId();

    await handler.onChallengeLodged(lodged(driver.caseId, id));
    const held = await driver.view();
    expect(held.onHold).toBe(true);
    expect(held.holds).toEqual([expect.objectContaining({ reference: id, kind: 'injunction' })]);
    await expect(pendingReferences(driver.caseId)).resolves.toEqual([id]);

    await handler.onChallengeDecided(decided(driver.caseId, id));
    const released = await driver.view();
    expect(released.onHold).toBe(false);
    expect(released.state).toBe(held.state);
    expect(released.timeline.map((entry) => entry.what)).toEqual(expect.arrayContaining(['hold-placed', 'hold-released']));
    await expect(pendingReferences(driver.caseId)).resolves.toEqual([]);
    await expect(register.find(id)).resolves.toMatchObject({ status: 'decided', outcome: 'dismissed' });
    await driver.finish();
  });

  it('R5 pending matters are the lodged challenges minus the decided ones, at the moment of the call', async () => {
    const driver = await openCase();
    const [first, second] = [challengeId(), challengeId()];
    await handler.lodge(lodged(driver.caseId, first));
    await handler.lodge(lodged(driver.caseId, second, 'human-rights-claim'));
    await expect(pendingReferences(driver.caseId)).resolves.toEqual([first, second]);

    await handler.decide(decided(driver.caseId, first, 'withdrawn'));
    await expect(pendingReferences(driver.caseId)).resolves.toEqual([second]);
    // R7: one hold remains, so the case stays held.
    expect((await driver.view()).onHold).toBe(true);
    await driver.finish();
  });

  it('R7 a duplicate lodging changes nothing, even a late copy arriving after the decision', async () => {
    const driver = await openCase();
    const id = challengeId();
    const event = lodged(driver.caseId, id);

    await expect(handler.lodge(event)).resolves.toBe('hold-placed');
    await expect(handler.lodge({ ...event, eventId: randomUUID() })).resolves.toBe('duplicate');
    expect((await driver.view()).holds).toHaveLength(1);

    await handler.decide(decided(driver.caseId, id));
    await expect(handler.lodge(event)).resolves.toBe('duplicate');
    const view = await driver.view();
    expect(view.onHold).toBe(false);
    expect(view.timeline.filter((entry) => entry.what === 'hold-placed')).toHaveLength(1);
    await driver.finish();
  });

  it('R7 an upheld challenge sends the case to the domestic process', async () => {
    const driver = await openCase();
    const id = challengeId();
    await handler.lodge(lodged(driver.caseId, id, 'human-rights-claim'));
    await handler.decide(decided(driver.caseId, id, 'upheld'));
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'claim-succeeded' });
  });

  it('R7 a decision for a challenge never lodged is rejected with its reason', async () => {
    const driver = await openCase();
    const id = challengeId();
    await expect(rejectionOf(handler.decide(decided(driver.caseId, id)))).resolves.toMatch(new RegExp(`challenge ${id} is not in the register`));
    await expect(register.find(id)).resolves.toBeUndefined();
    await driver.finish();
  });

  it('R7 a decision arriving before its lodging (out of order) is rejected, and holds nothing; the lodging then holds the case', async () => {
    const driver = await openCase();
    const id = challengeId();
    const decision = decided(driver.caseId, id);

    await expect(rejectionOf(handler.decide(decision))).resolves.toMatch(/out of order/);
    expect((await driver.view()).onHold).toBe(false);

    await handler.lodge(lodged(driver.caseId, id));
    expect((await driver.view()).onHold).toBe(true);
    // Replayed from the dead-letter topic once the lodging is in, the same decision releases the hold.
    await expect(handler.decide(decision)).resolves.toBe('hold-released');
    expect((await driver.view()).onHold).toBe(false);
    await driver.finish();
  });

  it('R7 a second decision is ignored when identical and rejected when different', async () => {
    const driver = await openCase();
    const id = challengeId();
    await handler.lodge(lodged(driver.caseId, id));
    await handler.decide(decided(driver.caseId, id, 'dismissed'));

    await expect(handler.decide(decided(driver.caseId, id, 'dismissed'))).resolves.toBe('duplicate');
    await expect(rejectionOf(handler.decide(decided(driver.caseId, id, 'upheld')))).resolves.toMatch(/already decided \(dismissed/);
    await expect(register.find(id)).resolves.toMatchObject({ outcome: 'dismissed' });
    expect((await driver.view()).state).not.toBe('claim-succeeded');
    await driver.finish();
  });

  it('rejects a challenge on a case that has no readmission workflow, and keeps it out of the register', async () => {
    const caseId = nextCaseId();
    const id = challengeId();
    await expect(rejectionOf(handler.lodge(lodged(caseId, id)))).resolves.toMatch(new RegExp(`unknown case: no running readmission case ${caseId}`));
    await expect(register.find(id)).resolves.toBeUndefined();
    await expect(pendingReferences(caseId)).resolves.toEqual([]);
  });
});
