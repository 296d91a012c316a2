import { ServiceError } from '@oioo/service-kit';
import { arrivalEvent, nearTemplate, useIdentityDatabase, returnOf, sampleTemplate } from '../test-support/identity-test-kit';
import { RegisterChecksController } from './register-checks.controller';

const identity = useIdentityDatabase();

let controller: RegisterChecksController;

beforeAll(() => {
  controller = new RegisterChecksController(identity.services.checks);
});

describe('POST /register-checks', () => {
  it('E4 a template in no register: neither returned nor an irregular entry, no matches', async () => {
    await expect(controller.check({ template: sampleTemplate('never-seen') })).resolves.toEqual({ returned: false, irregularEntry: false, matches: [] });
  });

  it('E4 a person who arrived by small boat has a recorded irregular entry', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);

    await expect(controller.check({ template: event.data.biometricTemplate })).resolves.toEqual({
      returned: false,
      irregularEntry: true,
      matches: [{ personId: event.data.personId, caseId: event.data.caseId, score: 1, register: 'irregular-entries' }],
    });
  });

  it('R11 E4 a person returned under the scheme is found in both registers, returns first', async () => {
    const event = arrivalEvent();
    await identity.services.screening.screen(event);
    await identity.services.returns.register(returnOf(event.data));

    await expect(controller.check({ template: event.data.biometricTemplate })).resolves.toEqual({
      returned: true,
      irregularEntry: true,
      matches: [
        { personId: event.data.personId, caseId: event.data.caseId, score: 1, register: 'returns' },
        { personId: event.data.personId, caseId: event.data.caseId, score: 1, register: 'irregular-entries' },
      ],
    });
  });

  it('R11 E4 a near match above the threshold counts, with its score; an unrelated template does not', async () => {
    const template = sampleTemplate('check-near');
    const event = arrivalEvent({ biometricTemplate: template });
    await identity.services.screening.screen(event);
    await identity.services.returns.register(returnOf(event.data));

    const answer = await controller.check({ template: nearTemplate(template, 2) });
    expect(answer).toMatchObject({ returned: true, irregularEntry: true });
    expect(answer.matches.map((match) => match.score)).toEqual([expect.any(Number), expect.any(Number)]);
    for (const match of answer.matches) {
      expect(match.score).toBeGreaterThanOrEqual(0.9);
      expect(match.score).toBeLessThan(1);
    }
    await expect(controller.check({ template: sampleTemplate('check-unrelated') })).resolves.toMatchObject({ returned: false, irregularEntry: false });
  });

  it('refuses a body without a usable template with 400 INVALID_INPUT', async () => {
    const refusal = await controller.check({ template: 'short' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect((refusal as ServiceError).getStatus()).toBe(400);
    expect((refusal as ServiceError).getResponse()).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('template') });
  });
});
