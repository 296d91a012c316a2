import { ApplicationFailure } from '@temporalio/common';
import { TestIssuer } from '@oioo/testing';
import type { EoiActivities } from '@oioo/workflows-eoi';
import { type LedgerClient } from '../ledger/ledger-client';
import { type FakeService, problem, startFakeService } from '../test-support/fake-service';
import { createEoiActivities } from './eoi.activities';
import { ServiceClient } from './service-client';

/** Test data only: opaque ids in the contracts' shapes. */
const eoiId = 'eoi_01J9ZQ4X7K3M2N8P6R5T';
const personIds = ['per_01J9ZQ4X7K3M2N8P6R5T', 'per_01J9ZQ4X7K3M2N8P6R5V'];
const idempotencyKey = `eoi:${eoiId}:step-1`;

let issuer: TestIssuer;
let identity: FakeService;
let legalReview: FakeService;
let transport: FakeService;
let activities: EoiActivities;

/** The HTTP activities never touch the ledger; a client that fails loudly proves it. */
const noLedger: LedgerClient = {
  workflow: {
    start: () => Promise.reject(new Error('the ledger is not used here')),
    getHandle: () => {
      throw new Error('the ledger is not used here');
    },
  },
};

beforeAll(async () => {
  // The fake services check the worker's bearer token against a real issuer's keys, as the services do.
  issuer = await TestIssuer.start();
  const checked = { issuer: issuer.issuer };
  [identity, legalReview, transport] = await Promise.all([startFakeService(checked), startFakeService(checked), startFakeService(checked)]);
  const tokens = { token: () => issuer.serviceToken('svc-worker') };
  activities = createEoiActivities({
    identity: new ServiceClient('identity', identity.url, tokens),
    legalReview: new ServiceClient('legal-review', legalReview.url, tokens),
    transport: new ServiceClient('transport', transport.url, tokens),
    temporalClient: noLedger,
  });
});

afterAll(async () => {
  await Promise.all([identity?.close(), legalReview?.close(), transport?.close()]);
  await issuer?.stop();
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** One HTTP activity: which service and path it calls, a valid input, the service's answer. */
interface HttpCase {
  name: string;
  service: () => FakeService;
  path: string;
  call: (input: never) => Promise<unknown>;
  input: Record<string, unknown>;
  answer: Record<string, unknown>;
}

const cases: HttpCase[] = [
  {
    name: 'E2 requestPresenceConfirmation asks identity (POST /presence-requests)',
    service: () => identity,
    path: '/presence-requests',
    call: (input) => activities.requestPresenceConfirmation(input),
    input: { eoiId, personIds, confirmWithinMs: 86_400_000, idempotencyKey },
    answer: { askedAt: '2026-03-02T09:00:00Z', confirmBy: '2026-03-03T09:00:00Z' },
  },
  {
    name: 'E7 bookBiometricsAppointment books the visa application centre through identity (POST /vac-appointments)',
    service: () => identity,
    path: '/vac-appointments',
    call: (input) => activities.bookBiometricsAppointment(input),
    input: { eoiId, personIds, idempotencyKey },
    answer: { appointmentReference: 'vac_01J9ZQ4X7K3M2N8P6R5T', centre: 'Paris', at: '2026-03-10T10:30:00+01:00' },
  },
  {
    name: 'E4 checkRegisters matches the enrolment against the registers at identity (POST /enrolment-register-checks)',
    service: () => identity,
    path: '/enrolment-register-checks',
    call: (input) => activities.checkRegisters(input),
    input: { eoiId, personId: personIds[0], enrolmentReference: 'enr-7f3a9c' },
    answer: { returned: false, irregularEntry: true, checkedAt: '2026-03-10T11:00:00Z' },
  },
  {
    name: 'E7 requestSecurityChecks asks legal-review (POST /security-check-requests)',
    service: () => legalReview,
    path: '/security-check-requests',
    call: (input) => activities.requestSecurityChecks(input),
    input: { eoiId, personIds, idempotencyKey },
    answer: { checkReference: 'sec_01J9ZQ4X7K3M2N8P6R5T', requestedAt: '2026-03-11T08:00:00Z' },
  },
  {
    name: 'E7 bookTravel books the journey with transport (POST /travel-bookings)',
    service: () => transport,
    path: '/travel-bookings',
    call: (input) => activities.bookTravel(input),
    input: { eoiId, personIds, notBefore: '2026-04-01T00:00:00Z', idempotencyKey },
    answer: { travelReference: 'trv_01J9ZQ4X7K3M2N8P6R5T', departsAt: '2026-04-02T07:00:00Z', arrivalPort: 'London St Pancras' },
  },
];

describe('EOI activities over the services’ HTTP APIs', () => {
  it.each(cases)('$name: sends only the contract body and returns the parsed answer', async ({ service, path, call, input, answer }) => {
    service().answer(path, 200, { ...answer, unexpected: 'dropped by the contract' });
    const before = service().received.length;

    // A field outside the contract (here a name) never leaves the worker.
    await expect(call({ ...input, fullName: 'must not be sent' } as never)).resolves.toEqual(answer);

    expect(service().received.slice(before)).toEqual([{ method: 'POST', url: path, body: input }]);
    expect(service().callers.at(-1)).toBe('svc-worker');
  });

  it.each(cases)('$name: a body that breaks its contract is refused before anything is sent', async ({ service, call, input }) => {
    const before = service().received.length;

    const failure = await failureOf(call({ ...input, eoiId: 'case_01J9ZQ4X7K3M2N8P6R5T' } as never));

    expect(String(failure)).toMatch(/eoiId/);
    expect(service().received.length).toBe(before);
  });

  it.each(cases)('$name: an answer that breaks its contract fails for good, naming the fields', async ({ service, path, call, input, answer }) => {
    const [firstField] = Object.keys(answer);
    service().answer(path, 200, { ...answer, [firstField ?? '']: 42 });

    const failure = await failureOf(call(input as never));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'CONTRACT_BROKEN', nonRetryable: true, message: expect.stringContaining(firstField ?? '') });
  });

  it('E7 a service’s refusal reaches the EOI workflow as a non-retryable failure typed with its code', async () => {
    transport.answer('/travel-bookings', 409, problem(409, 'NO_SEAT', 'E7: no journey before the grant lapses'));

    const failure = await failureOf(activities.bookTravel({ eoiId, personIds, notBefore: '2026-04-01T00:00:00Z', idempotencyKey }));

    expect(failure).toMatchObject({ type: 'NO_SEAT', nonRetryable: true, message: 'E7: no journey before the grant lapses' });
  });
});
