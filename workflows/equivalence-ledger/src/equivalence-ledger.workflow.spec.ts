import { WorkflowFailedError } from '@temporalio/client';
import { LedgerErrorCode } from './ledger-errors';
import { ledgerWorkflowId } from '@oioo/contracts';
import { LEDGER_TEST_TASK_QUEUE, SUPERVISOR, commandId, nextId } from './test-support/ledger-driver';
import { useLedgerEnvironment } from './test-support/ledger-environment';
import { rejectionType } from './test-support/rejections';
import { equivalenceLedgerWorkflow } from './equivalence-ledger.workflow';

const fixture = useLedgerEnvironment();

describe('equivalence ledger workflow: releases and their notices', () => {
  it('E6 Q1 a request is held until readmissions arrive, then released, and the EOI’s workflow is signalled', async () => {
    const ledger = await fixture.openLedger();
    const eoiId = nextId('eoi');
    const eoi = await ledger.startEoi(eoiId);

    await expect(ledger.requestPlaces(eoiId, 1)).resolves.toEqual({ status: 'held', places: 1 });
    expect(await ledger.balance()).toMatchObject({ readmissions: 0, grantsOutstanding: 0, eoisHeld: 1, placesHeld: 1 });
    expect(await ledger.received(eoi)).toEqual([]);

    await ledger.confirmReadmissions(1);
    const notice = await eoi.result();

    expect(notice).toEqual({ pilotId: ledger.pilotId, eoiId, places: 1, releasedAt: expect.any(String), isoWeek: expect.stringMatching(/^\d{4}-W\d{2}$/) });
    expect(await ledger.balance()).toMatchObject({
      readmissions: 1,
      grantsOutstanding: 1,
      eoisHeld: 0,
      imbalance: 0,
      notifications: { pending: 0, delivered: 1, undelivered: [] },
    });
    const described = await ledger.handle.describe();
    expect(described.searchAttributes['CaseKind']).toEqual(['ledger']);
    expect(described.searchAttributes['CaseState']).toEqual(['open']);
  });

  it('E6 places released to an EOI with no workflow running are recorded as undelivered, and the ledger goes on', async () => {
    const ledger = await fixture.openLedger();
    const eoiId = nextId('eoi');
    await ledger.confirmReadmissions(2);

    await expect(ledger.requestPlaces(eoiId, 1)).resolves.toEqual({ status: 'released', places: 1 });
    const balance = await ledger.waitForBalance((view) => view.notifications.undelivered.length > 0);

    expect(balance.notifications).toEqual({ pending: 0, delivered: 0, undelivered: [expect.objectContaining({ eoiId, places: 1, reason: expect.stringMatching(/not found/) })] });
    expect(balance.grantsOutstanding).toBe(1);
    await expect(ledger.requestPlaces(nextId('eoi'), 1)).resolves.toEqual({ status: 'released', places: 1 });
    const described = await ledger.handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.searchAttributes['CaseAlerts']).toEqual(['undelivered-releases']);
  });

  it('Q6 a lapsed grant returns its places and the next held EOI gets them', async () => {
    const ledger = await fixture.openLedger();
    const [first, second] = [nextId('eoi'), nextId('eoi')];
    await ledger.confirmReadmissions(2);
    await expect(ledger.requestPlaces(first, 2)).resolves.toEqual({ status: 'released', places: 2 });
    await expect(ledger.requestPlaces(second, 2)).resolves.toEqual({ status: 'held', places: 2 });
    const eoi = await ledger.startEoi(second);

    await ledger.lapse(first);

    await expect(eoi.result()).resolves.toMatchObject({ eoiId: second, places: 2 });
    expect(await ledger.balance()).toMatchObject({ grantsOutstanding: 2, placesReturned: 2, placesReleased: 4, eoisHeld: 0 });
  });

  it('Q6 a revoked grant after part of a family arrived returns only the unused places', async () => {
    const ledger = await fixture.openLedger();
    const eoiId = nextId('eoi');
    await ledger.confirmReadmissions(3);
    await ledger.requestPlaces(eoiId, 3);
    await expect(ledger.admit(eoiId)).resolves.toEqual({ eoiId, admitted: 1, outstanding: 2 });

    await ledger.revoke(eoiId);

    const balance = await ledger.waitForBalance((view) => view.placesReturned > 0);
    expect(balance).toMatchObject({ admissions: 1, grantsOutstanding: 0, placesReturned: 2, placesReleased: 3 });
  });

  it('Q1 E8 an arrival with no outstanding grant is refused, and counts nothing', async () => {
    const ledger = await fixture.openLedger();
    const [held, granted] = [nextId('eoi'), nextId('eoi')];
    await ledger.requestPlaces(held, 1);
    expect(await rejectionType(ledger.admit(held))).toBe(LedgerErrorCode.NoOutstandingGrant);

    await ledger.confirmReadmissions(2);
    await ledger.waitForBalance((view) => view.grantsOutstanding === 1);
    await ledger.requestPlaces(granted, 1);
    await ledger.admit(granted);
    expect(await rejectionType(ledger.admit(granted))).toBe(LedgerErrorCode.NoOutstandingGrant);
    expect(await rejectionType(ledger.admit(nextId('eoi')))).toBe(LedgerErrorCode.UnknownEoi);
    expect(await ledger.balance()).toMatchObject({ admissions: 1, grantsOutstanding: 1 });
  });
});

describe('equivalence ledger workflow: concurrency and idempotency (Q2)', () => {
  it('Q2 two concurrent requests for the last place: exactly one is released', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(1);

    const results = await Promise.all([ledger.requestPlaces(nextId('eoi'), 1), ledger.requestPlaces(nextId('eoi'), 1)]);

    expect(results.map((result) => result.status).sort()).toEqual(['held', 'released']);
    expect(await ledger.balance()).toMatchObject({ readmissions: 1, grantsOutstanding: 1, eoisHeld: 1, headroom: 0 });
  });

  it('Q2 twelve concurrent requests against three readmissions: exactly three places go', async () => {
    const ledger = await fixture.openLedger();
    await ledger.confirmReadmissions(3);

    const results = await Promise.all(Array.from({ length: 12 }, () => ledger.requestPlaces(nextId('eoi'), 1)));

    expect(results.filter((result) => result.status === 'released')).toHaveLength(3);
    expect(await ledger.balance()).toMatchObject({ grantsOutstanding: 3, eoisHeld: 9, imbalance: 0 });
  });

  it('E6 the same commandId twice, even at once, counts once and returns the first result', async () => {
    const ledger = await fixture.openLedger();
    const eoiId = nextId('eoi');
    const id = commandId();

    const [first, second] = await Promise.all([ledger.requestPlaces(eoiId, 2, { commandId: id }), ledger.requestPlaces(eoiId, 2, { commandId: id })]);
    expect(first).toEqual({ status: 'held', places: 2 });
    expect(second).toEqual(first);

    await ledger.confirmReadmissions(2);
    await ledger.waitForBalance((view) => view.grantsOutstanding === 2);
    await expect(ledger.requestPlaces(eoiId, 2, { commandId: id })).resolves.toEqual({ status: 'held', places: 2 });
    expect(await ledger.balance()).toMatchObject({ placesReleased: 2, grantsOutstanding: 2, eoisHeld: 0, placesHeld: 0 });
    expect(await rejectionType(ledger.requestPlaces(eoiId, 2))).toBe(LedgerErrorCode.EoiAlreadyRequested);
  });

  it('E5 a family of three is released only when three places fit', async () => {
    const ledger = await fixture.openLedger();
    const family = nextId('eoi');
    const eoi = await ledger.startEoi(family);
    await ledger.confirmReadmissions(2);
    await expect(ledger.requestPlaces(family, 3)).resolves.toEqual({ status: 'held', places: 3 });

    await ledger.confirmReadmissions(1);

    await expect(eoi.result()).resolves.toMatchObject({ eoiId: family, places: 3 });
    expect(await ledger.balance()).toMatchObject({ grantsOutstanding: 3, readmissions: 3 });
  });
});

describe('equivalence ledger workflow: pausing (Q4)', () => {
  it('Q4 while paused nothing is released; when an authorised person resumes, held EOIs get their places', async () => {
    const ledger = await fixture.openLedger();
    const eoiId = nextId('eoi');
    await expect(ledger.pause()).resolves.toEqual({ paused: true });
    await ledger.confirmReadmissions(1);
    await expect(ledger.requestPlaces(eoiId, 1)).resolves.toEqual({ status: 'held', places: 1 });
    expect((await ledger.handle.describe()).searchAttributes['CaseState']).toEqual(['paused']);
    expect(await rejectionType(ledger.pause(SUPERVISOR, 'again'))).toBe(LedgerErrorCode.AlreadyPaused);
    expect(await rejectionType(ledger.resume('Jane Smith'))).toBe(LedgerErrorCode.InvalidInput);

    await expect(ledger.resume()).resolves.toEqual({ paused: false });

    expect(await ledger.waitForBalance((view) => view.grantsOutstanding === 1)).toMatchObject({ paused: false, eoisHeld: 0 });
    expect((await ledger.handle.describe()).searchAttributes['CaseState']).toEqual(['open']);
  });

  it('Q4 intake pauses by itself when the imbalance passes the threshold', async () => {
    const ledger = await fixture.openLedger({ policy: { tolerance: 3, autoPauseImbalance: 1 } });
    const results = [];
    for (let index = 0; index < 3; index += 1) results.push(await ledger.requestPlaces(nextId('eoi'), 1));

    expect(results.map((result) => result.status)).toEqual(['released', 'released', 'held']);
    expect(await ledger.balance()).toMatchObject({ paused: true, pause: { automatic: true, by: 'system:equivalence-ledger' }, imbalance: 2 });
    expect((await ledger.handle.describe()).searchAttributes['CaseAlerts']).toContain('auto-paused');
    expect(await rejectionType(ledger.resume())).toBe(LedgerErrorCode.ImbalanceAboveThreshold);
  });
});

describe('equivalence ledger workflow: notice of termination (Q5)', () => {
  it('Q5 after notice nothing goes beyond confirmed readmissions; a month later the pilot ends with its final imbalance and the ledger completes', async () => {
    const ledger = await fixture.openLedger({ policy: { tolerance: 1 } });
    const [first, second] = [nextId('eoi'), nextId('eoi')];
    await expect(ledger.requestPlaces(first, 1)).resolves.toEqual({ status: 'released', places: 1 });
    const givenAt = await fixture.now();

    const notice = await ledger.notice(givenAt);

    expect(notice).toEqual({ endsAt: expect.any(String), imbalance: 1 });
    expect(new Date(notice.endsAt).getUTCMonth()).toBe((givenAt.getUTCMonth() + 1) % 12);
    await expect(ledger.requestPlaces(second, 1)).resolves.toEqual({ status: 'held', places: 1 });
    const described = await ledger.handle.describe();
    expect(described.searchAttributes['CaseState']).toEqual(['reconciliation']);
    expect(described.searchAttributes['NextDeadlineRule']).toEqual(['Q5']);
    expect(await rejectionType(ledger.notice(givenAt))).toBe(LedgerErrorCode.NoticeAlreadyGiven);

    await ledger.confirmReadmissions(1);
    expect(await ledger.balance()).toMatchObject({ mode: 'reconciliation', tolerance: 0, eoisHeld: 1, headroom: 0 });
    await ledger.confirmReadmissions(1);
    await ledger.waitForBalance((view) => view.eoisHeld === 0);
    await ledger.admit(first);
    await ledger.admit(second);

    const result = await ledger.handle.result();

    expect(result.finalBalance).toMatchObject({ mode: 'ended', readmissions: 2, admissions: 2, grantsOutstanding: 0, imbalance: 0 });
    expect(result.finalBalance.reconciliation).toMatchObject({ imbalanceAtNotice: 1, finalImbalance: 0, endsAt: notice.endsAt });
    expect((await fixture.now()).getTime()).toBeGreaterThanOrEqual(new Date(notice.endsAt).getTime());
  });
});

describe('equivalence ledger workflow: identity', () => {
  it('a ledger started under any ID but ledger:<pilotId>, or with a malformed pilot id or policy, fails at once', async () => {
    const [pilotId, other] = [nextId('pilot'), nextId('pilot')];
    const start = (workflowId: string, input: Parameters<typeof equivalenceLedgerWorkflow>[0]) =>
      fixture.env.client.workflow.execute(equivalenceLedgerWorkflow, { taskQueue: LEDGER_TEST_TASK_QUEUE, workflowId, args: [input] }).catch((error: unknown) => error);

    // One after another: three workflows failing at once trip the Java test server (its error headers outgrow
    // the 16 KB limit) and stall the worker's shutdown; that is the test server's, not the ledger's.
    const failures = [
      await start(`ledger-copy:${pilotId}`, { pilotId }),
      await start(`ledger:${nextId('pilot')}`, { pilotId: 'UK France pilot' }),
      await start(ledgerWorkflowId(other), { pilotId: other, policy: { tolerance: -2 } }),
    ];

    for (const failure of failures) {
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure as WorkflowFailedError).cause).toMatchObject({ type: LedgerErrorCode.InvalidInput, nonRetryable: true });
    }
  });
});
