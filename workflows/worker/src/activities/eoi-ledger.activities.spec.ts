import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { DEFAULT_PILOT_ID } from '@oioo/contracts';
import { LedgerErrorCode, type RequestPlacesInput } from '@oioo/domain';
import { LEDGER_NOT_RUNNING } from '../ledger/ledger-update';
import { type FakeLedgerBehaviour, fakeLedgerClient } from '../test-support/fake-ledger-client';
import { createEoiActivities } from './eoi.activities';
import { ServiceClient } from './service-client';

/** Test data only. */
const pilotId = DEFAULT_PILOT_ID;
const request: RequestPlacesInput = {
  commandId: 'cmd-eoi_01J9ZQ4X7K3M2N8P6R5T-places',
  eoiId: 'eoi_01J9ZQ4X7K3M2N8P6R5T',
  people: 3,
  submittedAt: '2026-03-02T09:00:00Z',
  nationalities: ['ERI'],
  ukLinkWithin5Years: false,
};
const arrival = {
  pilotId,
  commandId: 'cmd-eoi_01J9ZQ4X7K3M2N8P6R5T-arrival-1',
  eoiId: 'eoi_01J9ZQ4X7K3M2N8P6R5T',
  personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
  arrivedAt: '2026-04-02T09:30:00Z',
};

/** The EOI activities with a fake ledger; the services are never reached in these tests. */
function activitiesWith(behaviour: FakeLedgerBehaviour) {
  const { client, calls } = fakeLedgerClient(behaviour);
  const unused = new ServiceClient('unused', 'http://127.0.0.1:9', { token: () => Promise.reject(new Error('the services are not called here')) });
  return { activities: createEoiActivities({ identity: unused, legalReview: unused, transport: unused, temporalClient: client }), calls };
}

/** What the client throws when the ledger's validator or handler refuses an Update. */
function refusedBy(type: LedgerErrorCode, message: string) {
  return () => Promise.reject(new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true })));
}

const notFound = () => Promise.reject(new WorkflowNotFoundError('workflow execution already completed', 'ledger:x', undefined));

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('EOI activities on the pilot’s ledger', () => {
  it('E6 requestPlaces runs the ledger’s requestPlaces Update on ledger:<pilotId>, its command id as the Update id', async () => {
    const { activities, calls } = activitiesWith({ update: () => Promise.resolve({ status: 'held', places: 3 }) });

    await expect(activities.requestPlaces({ pilotId, request })).resolves.toEqual({ status: 'held', places: 3 });

    expect(calls).toEqual([{ kind: 'update', workflowId: `ledger:${pilotId}`, update: 'requestPlaces', args: [request], updateId: request.commandId }]);
  });

  it('E6 a ledger refusal reaches the EOI workflow as a non-retryable failure with the ledger’s code and sentence', async () => {
    const message = "E5, Q2: an EOI of 60 people can never fit a week's cap of 50, and a family is not split";
    const { activities } = activitiesWith({ update: refusedBy(LedgerErrorCode.LargerThanWeeklyCap, message) });

    const failure = await failureOf(activities.requestPlaces({ pilotId, request }));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'LARGER_THAN_WEEKLY_CAP', message, nonRetryable: true });
  });

  it('E8 recordAdmission runs the ledger’s admissionRecorded Update with the arrival, its command id as the Update id', async () => {
    const { activities, calls } = activitiesWith({ update: () => Promise.resolve({ eoiId: arrival.eoiId, admitted: 1, outstanding: 2 }) });

    await expect(activities.recordAdmission(arrival)).resolves.toBeUndefined();

    const { pilotId: _pilot, ...admission } = arrival;
    expect(calls).toEqual([{ kind: 'update', workflowId: `ledger:${pilotId}`, update: 'admissionRecorded', args: [admission], updateId: arrival.commandId }]);
  });

  it('E8 an arrival the ledger refuses fails for good with the ledger’s code', async () => {
    const message = `Q1, E8: no grant is outstanding for ${arrival.eoiId}`;
    const { activities } = activitiesWith({ update: refusedBy(LedgerErrorCode.NoOutstandingGrant, message) });

    await expect(activities.recordAdmission(arrival)).rejects.toMatchObject({ type: 'NO_OUTSTANDING_GRANT', message, nonRetryable: true });
  });

  it('a ledger that is not running yet leaves the activity retryable (the worker starts it at start-up)', async () => {
    const { activities, calls } = activitiesWith({ update: notFound });

    const failure = await failureOf(activities.requestPlaces({ pilotId, request }));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: LEDGER_NOT_RUNNING, nonRetryable: false });
    expect(calls.map((call) => call.kind)).toEqual(['update', 'describe']);
  });

  it('Q5 a ledger that has closed fails the activity for good: no retry can bring it back', async () => {
    const { activities } = activitiesWith({ update: notFound, status: 'COMPLETED' });

    const failure = await failureOf(activities.requestPlaces({ pilotId, request }));

    expect(failure).toMatchObject({ type: LedgerErrorCode.PilotEnded, nonRetryable: true, message: expect.stringContaining('COMPLETED') });
  });

  it('a retryable Update failure or a timed-out call is left for Temporal to retry, unchanged', async () => {
    const retryable = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.retryable('try again', 'BUSY'));
    const timedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled');

    await expect(activitiesWith({ update: () => Promise.reject(retryable) }).activities.requestPlaces({ pilotId, request })).rejects.toBe(retryable);
    await expect(activitiesWith({ update: () => Promise.reject(timedOut) }).activities.recordAdmission(arrival)).rejects.toBe(timedOut);
  });
});
