import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@oioo/temporal';
import { cachedWorkflowBundle, hasTaskWithSignalAndUpdate, withSignalsBatchedApart, workflowSettled } from '@oioo/testing';
import { LedgerDriver, nextId } from '@oioo/workflows-equivalence-ledger/testing';
import { requestPlacesUpdate } from '@oioo/workflows-equivalence-ledger';
import { CaseDriver, FakeReadmissionServices, arrivalOf, nextCaseId } from '@oioo/workflows-readmission/testing';
import { arrivalRecordLinkedSignal } from '@oioo/workflows-readmission';
import { eoiWorkflowId } from '@oioo/contracts';
import { stackTemporalConfig, uniqueOpaqueId } from '../support/stack';
import { useStoppableWorkers } from '../support/stoppable-workers';

const LEDGER_WORKFLOWS = require.resolve('@oioo/workflows-equivalence-ledger/src/test-support/ledger-test-workflows');
const READMISSION_WORKFLOWS = require.resolve('@oioo/workflows-readmission/src/readmission-case.workflow');

const stack = useStoppableWorkers();

/** Replays the workflow's history as recorded, and with each task's signals applied in a batch of their own. */
async function replayBothWays(workflowId: string, workflowsPath: string) {
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  // Bundled as the platform bundles, so the monorepo's path aliases (`@oioo/contracts/workflow`) resolve.
  const options = { workflowBundle: await cachedWorkflowBundle(workflowsPath), dataConverter: temporalDataConverter(stackTemporalConfig()) };
  await Worker.runReplayHistory(options, history, workflowId);
  await Worker.runReplayHistory(options, withSignalsBatchedApart(history), workflowId);
  return history;
}

describe('a workflow task that carries a signal and Updates together replays the same however the SDK batches them', () => {
  it('Q2 the ledger told of a readmission and asked for places while its worker was down releases the same on replay', async () => {
    const taskQueue = `batching-${uniqueOpaqueId('tq').toLowerCase()}`;
    let stop = await stack.workers.start(taskQueue, { workflowsPath: LEDGER_WORKFLOWS }, { publishWeeklyReport: async () => undefined });
    const ledger = await LedgerDriver.open(stack.client, { taskQueue });
    const eois = Array.from({ length: 4 }, () => nextId('eoi'));
    for (const eoiId of eois) await stack.client.workflow.start('stubEoiWorkflow', { taskQueue, workflowId: eoiWorkflowId(eoiId), args: [{ eoiId }] });
    await ledger.confirmReadmissions(1);
    await expect(ledger.requestPlaces(eois[0] as string)).resolves.toEqual({ status: 'released', places: 1 });
    await expect(ledger.requestPlaces(eois[1] as string)).resolves.toEqual({ status: 'held', places: 1 });
    await ledger.settled();
    await stop();

    // While no worker polls, France confirms a handover (a place for the held request) and two more EOIs ask.
    await ledger.confirmReadmissions(1);
    const asked = eois.slice(2).map((eoiId) => ledger.handle.executeUpdate(requestPlacesUpdate, { args: [{ commandId: uniqueOpaqueId('cmd'), eoiId, people: 1, submittedAt: new Date().toISOString(), nationalities: ['SDN'], ukLinkWithin5Years: false }] }));
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 1_000));
    stop = await stack.workers.start(taskQueue, { workflowsPath: LEDGER_WORKFLOWS }, { publishWeeklyReport: async () => undefined });
    await expect(Promise.all(asked)).resolves.toEqual([{ status: 'held', places: 1 }, { status: 'held', places: 1 }]);
    await ledger.waitForBalance((balance) => balance.notifications.delivered === 2);
    await ledger.settled();

    const history = await replayBothWays(ledger.handle.workflowId, LEDGER_WORKFLOWS);
    expect(hasTaskWithSignalAndUpdate(history)).toBe(true);
    await ledger.finish();
    await stop();
  });

  it('R3 a case told of a second arrival record and screened while its worker was down replays the same', async () => {
    const taskQueue = `batching-${uniqueOpaqueId('tq').toLowerCase()}`;
    const services = new FakeReadmissionServices();
    let stop = await stack.workers.start(taskQueue, { workflowsPath: READMISSION_WORKFLOWS }, services.activities());
    const driver = await CaseDriver.open(stack.client, arrivalOf(nextCaseId(), new Date()), { taskQueue });
    await driver.waitForState('screening');
    await stop();

    // While no worker polls, identity links a second record of the crossing and a caseworker screens the person.
    await driver.handle.signal(arrivalRecordLinkedSignal, { eventId: uniqueOpaqueId('evt'), recordCaseId: nextCaseId(), matchScore: 1 });
    const screened = driver.screenAsAdult();
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 1_000));
    stop = await stack.workers.start(taskQueue, { workflowsPath: READMISSION_WORKFLOWS }, services.activities());
    await expect(screened).resolves.toMatchObject({ state: 'awaiting-selection' });
    await workflowSettled(stack.client, driver.handle.workflowId);

    const history = await replayBothWays(driver.handle.workflowId, READMISSION_WORKFLOWS);
    expect(hasTaskWithSignalAndUpdate(history)).toBe(true);
    await driver.finish();
    await stop();
  });
});
