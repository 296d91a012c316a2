import { WorkflowNotFoundError } from '@temporalio/client';
import { CaseDriver, PROPOSER, arrivalOf, commandId, nextCaseId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { rejectionType } from './test-support/rejections';
import { confirmHandoverUpdate, decideSelectionUpdate, recordBoardingUpdate, recordScreeningUpdate } from './definitions';

const DAY_MS = 24 * 60 * 60 * 1000;
const fixture = useReadmissionEnvironment();
const { services } = fixture;
const openCase = (arrivedAgoMs = 0, overrides = {}) => fixture.openCase(arrivedAgoMs, overrides);

describe('readmission case workflow: opening and R3', () => {
  it('R3 request not sent within 14 days → case leaves the pilot for the domestic process', async () => {
    const started = await fixture.env.currentTimeMs();
    const driver = await openCase();

    const result = await driver.handle.result();

    expect(result).toEqual({ caseId: driver.caseId, outcome: 'out-of-time', reason: expect.stringContaining('R3') });
    const skipped = (await fixture.env.currentTimeMs()) - started;
    expect(skipped).toBeGreaterThanOrEqual(14 * DAY_MS);
    expect(skipped).toBeLessThan(15 * DAY_MS);
  });

  it('R3 deadline counts from the arrival time in the event, not from when the case started', async () => {
    const now = await fixture.env.currentTimeMs();
    const driver = await openCase(10 * DAY_MS);

    const view = await driver.view();
    expect(view.requestDeadline).toBe(new Date(new Date(view.arrivedAt as string).getTime() + 14 * DAY_MS).toISOString());
    expect(view.nextDeadline).toEqual({ rule: 'R3', at: view.requestDeadline });
    await driver.handle.result();
    expect((await fixture.env.currentTimeMs()) - now).toBeLessThan(5 * DAY_MS);
  });

  it('R3 deadline keeps running through the caseworker steps: a case still in review at day 14 is out of time', async () => {
    const driver = await openCase();
    await driver.screenAsAdult();
    await driver.selectAndDetain();
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'out-of-time' });
    expect(services.callsFor(driver.caseId).requests).toHaveLength(0);
  });

  it('R1 an arrival with no crossing evidence is excluded at once', async () => {
    const driver = await openCase(0, { crossingEvidence: [] });
    await expect(driver.handle.result()).resolves.toEqual({ caseId: driver.caseId, outcome: 'excluded', reason: expect.stringContaining('R1') });
  });

  it('a duplicate arrival signal is noted on the timeline and opens nothing new', async () => {
    const driver = await openCase();
    const again = await CaseDriver.open(fixture.env.client, arrivalOf(driver.caseId, new Date((await driver.view()).arrivedAt as string)));

    const view = await again.view();
    expect(view.state).toBe('screening');
    expect(view.timeline.filter((entry) => entry.what === 'duplicate-arrival-ignored')).toHaveLength(1);
    expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
    await driver.finish();
  });

  it('R11 a re-entry flagged by identity at arrival is shown on the case and as a search attribute', async () => {
    const caseId = nextCaseId();
    const driver = await CaseDriver.open(fixture.env.client, arrivalOf(caseId, new Date(await fixture.env.currentTimeMs())), {
      screening: { reEntry: true, previousCaseId: 'case_EARLIER000001', enrolmentReference: 'enr-1' },
    });
    const view = await driver.view();
    expect(view.reEntry).toBe(true);
    expect(view.timeline.map((entry) => entry.what)).toContain('flagged-re-entry');
    const described = await driver.handle.describe();
    expect(described.searchAttributes['ReEntry']).toEqual([true]);
    await driver.finish();
  });
});

describe('readmission case workflow: a case from arrival to handover', () => {
  it('R8 R9 R11 walks every stage to transfer: notice of at least 5 days, booking, R5 check, boarding, handover, returns register', async () => {
    const driver = await openCase();
    await driver.driveToAwaitingReply();
    const calls = () => services.callsFor(driver.caseId);
    expect(calls().requests).toEqual([expect.objectContaining({ requestNumber: 1, idempotencyKey: `readmission:${driver.caseId}:request:1` })]);
    // R12: the request carries identity, biometric reference and crossing evidence, never claim content.
    expect(Object.keys(calls().requests[0] ?? {}).sort()).toEqual(
      ['arrivedAt', 'biometricReference', 'caseId', 'crossingEvidence', 'idempotencyKey', 'personId', 'requestNumber'].sort(),
    );

    await driver.franceReplies('accepted');
    const servedAt = await fixture.env.currentTimeMs();
    await driver.serveRemovalDirections();
    // Time passes to the pre-transfer check, which finds nothing pending.
    const booked = await driver.waitUntilClearedForTransfer(fixture.env);
    expect(new Date(calls().bookings[0]?.notBefore as string).getTime()).toBeGreaterThanOrEqual(servedAt + 5 * DAY_MS);
    expect(booked.nextDeadline?.rule).toBe('R5');
    const movementId = booked.movement?.movementId as string;
    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: commandId(), movementId, outcome: 'boarded' }] });
    const handover = await driver.handle.executeUpdate(confirmHandoverUpdate, {
      args: [{ commandId: commandId(), movementId, handoverReference: 'fr-ho-1', confirmedAt: new Date(await fixture.env.currentTimeMs()).toISOString() }],
    });

    expect(handover).toEqual({ state: 'transferred' });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    expect(calls().returns).toEqual([expect.objectContaining({ personId: `per_${driver.caseId.slice(5)}`, handoverReference: 'fr-ho-1' })]);
  });

  it('R9 a handover France has not confirmed a day after departure is escalated to the liaison desk, and the confirmation still completes the case', async () => {
    const driver = await openCase();
    const booked = await driver.driveToClearedForTransfer(fixture.env);
    const departsAt = new Date(booked.movement?.departsAt as string).getTime();
    const movementId = booked.movement?.movementId as string;
    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: commandId(), movementId, outcome: 'boarded' }] });

    const inTransit = await driver.waitForState('in-transit');
    expect(inTransit.nextDeadline).toEqual({ rule: 'R9', at: new Date(departsAt + DAY_MS).toISOString() });
    expect(inTransit.escalated).toBe(false);
    await fixture.env.sleep(departsAt + DAY_MS - (await fixture.env.currentTimeMs()) + 60_000);
    const overdue = await driver.waitFor((view) => view.escalated);
    expect(overdue).toMatchObject({ state: 'in-transit', escalated: true });
    expect(overdue.nextDeadline).toBeUndefined();
    expect(overdue.timeline.at(-1)).toMatchObject({ what: 'escalated-to-liaison-desk', why: expect.stringMatching(/^R9: /) });

    await driver.handle.executeUpdate(confirmHandoverUpdate, { args: [{ commandId: commandId(), movementId, handoverReference: 'fr-ho-late', confirmedAt: new Date(await fixture.env.currentTimeMs()).toISOString() }] });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
  });

  it('R9 a movement that left a day ago with no boarding or no-show recorded for the person is escalated to the liaison desk', async () => {
    const driver = await openCase();
    const booked = await driver.driveToClearedForTransfer(fixture.env);
    const departsAt = new Date(booked.movement?.departsAt as string).getTime();

    await fixture.env.sleep(departsAt + DAY_MS - (await fixture.env.currentTimeMs()) + 60_000);
    const overdue = await driver.waitFor((view) => view.escalated);
    expect(overdue).toMatchObject({ state: 'cleared-for-transfer', escalated: true });
    expect(overdue.nextDeadline?.rule).not.toBe('R9');
    expect(overdue.timeline.at(-1)).toMatchObject({ what: 'escalated-to-liaison-desk', why: expect.stringMatching(/^R9: the movement left with neither boarding nor a no-show/) });
    await driver.finish();
  });

  it('R9 a no-show sends the case back to be rescheduled on a new movement', async () => {
    const driver = await openCase();
    const booked = await driver.driveToClearedForTransfer(fixture.env);

    await driver.handle.executeUpdate(recordBoardingUpdate, { args: [{ commandId: commandId(), movementId: booked.movement?.movementId as string, outcome: 'no-show' }] });

    const rebooked = await driver.waitForState('movement-booked');
    expect(rebooked.movement?.movementId).not.toBe(booked.movement?.movementId);
    expect(services.callsFor(driver.caseId).bookings.map((booking) => booking.bookingNumber)).toEqual([1, 2]);
    await driver.finish();
  });
});

describe('readmission case workflow: caseworker steps', () => {
  it('a repeated command id returns the first result and changes nothing', async () => {
    const driver = await openCase();
    const command = { commandId: commandId(), actor: PROPOSER, age: 'adult' as const, vulnerabilities: [] };
    const first = await driver.handle.executeUpdate(recordScreeningUpdate, { args: [command] });
    const again = await driver.handle.executeUpdate(recordScreeningUpdate, { args: [command] });

    expect(again).toEqual(first);
    expect((await driver.view()).timeline.filter((entry) => entry.what === 'screened')).toHaveLength(1);
    await driver.finish();
  });

  it('a command id reused for a different step is refused', async () => {
    const driver = await openCase();
    const id = commandId();
    await driver.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: id, actor: PROPOSER, age: 'adult', vulnerabilities: [] }] });
    const type = await rejectionType(driver.handle.executeUpdate(decideSelectionUpdate, { args: [{ commandId: id, actor: PROPOSER, selected: true, reason: 'x' }] }));
    expect(type).toBe('COMMAND_ID_REUSED');
    await driver.finish();
  });

  it('a step that does not fit the state is refused with a reason, and the case is unchanged', async () => {
    const driver = await openCase();
    const before = await driver.view();
    const type = await rejectionType(driver.handle.executeUpdate(decideSelectionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, selected: true, reason: 'x' }] }));
    expect(type).toBe('INVALID_STATE');
    expect(await driver.view()).toEqual(before);
    await driver.finish();
  });

  it('a step without an authorised actor id is refused as invalid input', async () => {
    const driver = await openCase();
    const type = await rejectionType(
      driver.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: commandId(), actor: 'Jane Smith', age: 'adult', vulnerabilities: [] }] }),
    );
    expect(type).toBe('INVALID_INPUT');
    await driver.finish();
  });

  it('a step on a case whose workflow has completed is refused by the server, and the result stands', async () => {
    const driver = await openCase(0, { crossingEvidence: [] });
    await driver.handle.result();
    await expect(driver.screenAsAdult()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'excluded' });
  });
});
