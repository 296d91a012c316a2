import { ServiceError } from '@oioo/service-kit';
import { arrivalEvent, opaqueId, useIdentityDatabase, openedCase, returnOf } from '../test-support/identity-test-kit';
import { ReturnsRegisterController } from './returns-register.controller';

const identity = useIdentityDatabase();

let controller: ReturnsRegisterController;

beforeAll(() => {
  controller = new ReturnsRegisterController(identity.services.returns);
});

async function refusalOf(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return { status: error.getStatus(), body: error.getResponse() };
}

async function countReturns(caseId: string): Promise<{ returns: number; enrolments: number }> {
  const returns = await identity.db.query<{ n: string }>('SELECT count(*) AS n FROM returns_register WHERE case_id = $1', [caseId]);
  const enrolments = await identity.db.query<{ n: string }>('SELECT count(*) AS n FROM returns_register_enrolments WHERE return_case_id = $1', [caseId]);
  return { returns: Number(returns.rows[0]?.n), enrolments: Number(enrolments.rows[0]?.n) };
}

describe('POST /returns-register', () => {
  it('R11 puts the returned person\'s enrolments into the register of returns with the handover reference', async () => {
    const event = arrivalEvent();
    const { screening } = openedCase(await identity.services.screening.screen(event));
    const body = returnOf(event.data, { handoverReference: 'hov_01J9ZQ4X7K3M2N8P6R5V' });

    await expect(controller.register(body)).resolves.toBeUndefined();

    await expect(identity.services.returns.find(event.data.caseId)).resolves.toEqual({
      caseId: event.data.caseId,
      personId: event.data.personId,
      handoverReference: 'hov_01J9ZQ4X7K3M2N8P6R5V',
      registeredAt: expect.any(String),
      enrolmentReferences: [screening.enrolmentReference],
    });
  });

  it('R11 includes every enrolment the person has, not only the returned case\'s', async () => {
    const first = arrivalEvent();
    const second = arrivalEvent({ personId: first.data.personId });
    await identity.services.screening.screen(first);
    await identity.services.screening.screen(second);

    await controller.register(returnOf(second.data));

    expect((await identity.services.returns.find(second.data.caseId))?.enrolmentReferences).toHaveLength(2);
  });

  it('is idempotent by key: a retried call adds nothing', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);
    const body = returnOf(event.data);

    await controller.register(body);
    await controller.register(body);

    await expect(countReturns(event.data.caseId)).resolves.toEqual({ returns: 1, enrolments: 1 });
  });

  it('is idempotent by case: a second key for the same case and person adds nothing and keeps the first handover reference', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);
    await controller.register(returnOf(event.data, { idempotencyKey: 'first-key-0001', handoverReference: 'hov_FIRST00000001' }));
    await controller.register(returnOf(event.data, { idempotencyKey: 'second-key-0002', handoverReference: 'hov_SECOND0000002' }));

    await expect(countReturns(event.data.caseId)).resolves.toEqual({ returns: 1, enrolments: 1 });
    expect((await identity.services.returns.find(event.data.caseId))?.handoverReference).toBe('hov_FIRST00000001');
  });

  it('refuses with 409 RETURN_CONFLICT a case already registered for another person', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);
    await controller.register(returnOf(event.data));

    const refusal = await refusalOf(controller.register({ ...returnOf(event.data, { idempotencyKey: 'other-key-0003' }), personId: opaqueId('per') }));

    expect(refusal).toEqual({ status: 409, body: { code: 'RETURN_CONFLICT', message: expect.stringContaining(event.data.caseId) } });
  });

  it('records a return even when identity holds no enrolment for the person, so the return is not lost', async () => {
    const caseId = opaqueId('case');
    await controller.register({ caseId, personId: opaqueId('per'), handoverReference: 'hov_NOENROLMENT01', idempotencyKey: `readmission:${caseId}:register-return` });
    await expect(countReturns(caseId)).resolves.toEqual({ returns: 1, enrolments: 0 });
  });

  it('refuses a body that breaks registerReturnBodySchema with 400 INVALID_INPUT naming the fields', async () => {
    const refusal = await refusalOf(controller.register({ caseId: 'Jane Doe', personId: opaqueId('per'), handoverReference: '', idempotencyKey: 'k' }));
    expect(refusal.status).toBe(400);
    expect(refusal.body).toEqual({ code: 'INVALID_INPUT', message: expect.stringMatching(/caseId.*handoverReference.*idempotencyKey/) });
  });
});
