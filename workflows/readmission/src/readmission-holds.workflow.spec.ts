import { type CaseDriver, PROPOSER, commandId } from './test-support/case-driver';
import { useReadmissionEnvironment } from './test-support/case-environment';
import { rejectionType } from './test-support/rejections';
import { decideSelectionUpdate, legalHoldPlacedSignal, legalHoldReleasedSignal, proposeRemovalDirectionsUpdate } from './definitions';

const DAY_MS = 24 * 60 * 60 * 1000;
const fixture = useReadmissionEnvironment();

/** Drives a fresh case to each pre-transfer state in which a hold can arrive (R7). */
const reachers: Record<string, (driver: CaseDriver) => Promise<unknown>> = {
  screening: async () => undefined,
  'awaiting-selection': (driver) => driver.screenAsAdult(),
  'inadmissibility-review': async (driver) => {
    await driver.screenAsAdult();
    await driver.selectAndDetain();
  },
  'inadmissibility-approval': async (driver) => {
    await reachers['inadmissibility-review']?.(driver);
    await driver.proposeInadmissible();
  },
  'awaiting-reply': (driver) => driver.driveToAwaitingReply(),
  'refused-correctable': async (driver) => {
    await driver.driveToAwaitingReply();
    await driver.franceReplies('refused', 'insufficient-evidence');
  },
  'removal-directions': async (driver) => {
    await driver.driveToAwaitingReply();
    await driver.franceReplies('accepted');
  },
  'removal-directions-approval': async (driver) => {
    await reachers['removal-directions']?.(driver);
    await driver.handle.executeUpdate(proposeRemovalDirectionsUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, reasons: 'France accepted' }] });
  },
  'movement-booked': async (driver) => {
    await reachers['removal-directions']?.(driver);
    await driver.serveRemovalDirections();
    await driver.waitForState('movement-booked');
  },
  'cleared-for-transfer': async (driver) => {
    await reachers['removal-directions']?.(driver);
    await driver.serveRemovalDirections();
    await driver.waitUntilClearedForTransfer(fixture.env);
  },
};

/** States whose seat is given back when a hold arrives; the case waits for a new movement once released. */
const BOOKED = ['movement-booked', 'cleared-for-transfer'];

function placeHold(driver: CaseDriver, reference: string, kind: 'injunction' | 'human-rights-claim' = 'injunction') {
  return driver.handle.signal(legalHoldPlacedSignal, { reference, kind, lodgedAt: new Date().toISOString() });
}

describe('R7 legal holds', () => {
  it.each(Object.keys(reachers))('R7 a hold arriving in state %s stops the case there until it is released', async (state) => {
    const driver = await fixture.openCase();
    await reachers[state]?.(driver);
    await driver.waitForState(state);

    await placeHold(driver, `inj-${state}`);
    await driver.settled();
    const held = BOOKED.includes(state) ? await driver.waitForState('awaiting-movement') : await driver.view();
    expect(held.onHold).toBe(true);
    expect(held.holds.map((hold) => hold.reference)).toEqual([`inj-${state}`]);
    if (!BOOKED.includes(state)) expect(held.state).toBe(state);
    else expect(fixture.services.callsFor(driver.caseId).cancellations).toEqual([expect.objectContaining({ reason: expect.stringContaining('R7') })]);
    expect((await driver.handle.describe()).searchAttributes['OnHold']).toEqual([true]);
    // Any caseworker step is refused while the hold stands.
    const type = await rejectionType(
      driver.handle.executeUpdate(decideSelectionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, selected: true, reason: 'x' }] }),
    );
    expect(type).toBe('ON_HOLD');

    await driver.handle.signal(legalHoldReleasedSignal, { reference: `inj-${state}`, outcome: 'dismissed' });
    const resumed = BOOKED.includes(state) ? await driver.waitForState('movement-booked') : await driver.view();
    expect(resumed.onHold).toBe(false);
    if (!BOOKED.includes(state)) expect(resumed.state).toBe(state);
    expect(resumed.timeline.map((entry) => entry.what)).toEqual(expect.arrayContaining(['hold-placed', 'hold-released']));
    await driver.finish();
  });

  it('R7 deadlines keep running during a hold: R3 still ends a held case that never reached France', async () => {
    const driver = await fixture.openCase();
    await placeHold(driver, 'hr-1', 'human-rights-claim');
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'out-of-time' });
  });

  it('R7 a successful claim sends the case to the domestic process', async () => {
    const driver = await fixture.openCase();
    await driver.driveToAwaitingReply();
    await placeHold(driver, 'hr-2', 'human-rights-claim');
    await driver.handle.signal(legalHoldReleasedSignal, { reference: 'hr-2', outcome: 'upheld' });
    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'claim-succeeded', reason: expect.stringContaining('R7') });
  });

  it('R7 a case with two holds resumes only when both are released', async () => {
    const driver = await fixture.openCase();
    await placeHold(driver, 'a-1');
    await placeHold(driver, 'a-2', 'human-rights-claim');
    await driver.handle.signal(legalHoldReleasedSignal, { reference: 'a-1', outcome: 'withdrawn' });
    expect((await driver.view()).onHold).toBe(true);
    await driver.handle.signal(legalHoldReleasedSignal, { reference: 'a-2', outcome: 'dismissed' });
    expect((await driver.view()).onHold).toBe(false);
    await driver.finish();
  });
});

describe('R5 bars at transfer', () => {
  it('R5 an injunction found at the last-moment check stops the transfer, gives the seat back, and the case rebooks once it is lifted', async () => {
    const driver = await fixture.openCase();
    await reachers['movement-booked']?.(driver);
    fixture.services.pendingMatters.set(driver.caseId, [{ kind: 'injunction', reference: 'inj-late' }]);
    const { movement } = await driver.view();

    await fixture.env.sleep(new Date(movement?.departsAt as string).getTime() - (await fixture.env.currentTimeMs()) - 60 * 60 * 1000);

    const barred = await driver.waitForState('awaiting-movement');
    expect(barred.onHold).toBe(true);
    expect(barred.timeline.map((entry) => entry.what)).toContain('transfer-barred');
    expect(fixture.services.callsFor(driver.caseId).cancellations).toHaveLength(1);

    fixture.services.pendingMatters.delete(driver.caseId);
    await driver.handle.signal(legalHoldReleasedSignal, { reference: 'inj-late', outcome: 'dismissed' });
    await driver.waitForState('movement-booked');
    expect(fixture.services.callsFor(driver.caseId).bookings.map((booking) => booking.bookingNumber)).toEqual([1, 2]);
    await driver.finish();
  });

  it('R5 the check reads the current view at the last moment: a matter opened after booking still bars the transfer', async () => {
    const driver = await fixture.openCase();
    await reachers['movement-booked']?.(driver);
    // Nothing was pending at booking; the NRM referral appears only just before departure.
    const { movement } = await driver.view();
    await fixture.env.sleep(new Date(movement?.departsAt as string).getTime() - (await fixture.env.currentTimeMs()) - 7 * 60 * 60 * 1000);
    fixture.services.pendingMatters.set(driver.caseId, [{ kind: 'trafficking-referral', reference: 'nrm-9' }]);
    await fixture.env.sleep(2 * 60 * 60 * 1000);

    const barred = await driver.waitForState('awaiting-movement');
    expect(barred.holds).toEqual([expect.objectContaining({ reference: 'nrm-9', kind: 'trafficking-referral' })]);
    await driver.finish();
  });
});

describe('R6 three-month target', () => {
  it('R6 a breach raises an alert and does not end the case', async () => {
    const driver = await fixture.openCase();
    await reachers['removal-directions']?.(driver);
    // Stuck waiting for removal directions past three months.
    await fixture.env.sleep(95 * DAY_MS);
    const view = await driver.view();
    expect(view.targetBreached).toBe(true);
    expect(view.state).toBe('removal-directions');
    expect((await driver.handle.describe()).searchAttributes['CaseAlerts']).toEqual(['target-breached']);
    await driver.finish();
  });
});
