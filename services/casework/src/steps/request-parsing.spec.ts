import { ProblemError } from '@oioo/auth';
import { caseworkStepBodies } from '@oioo/contracts';

const { screeningBody } = caseworkStepBodies;
import { parseWith, refuseSelfDeclaredActor } from './request-parsing';

function problemOf(act: () => unknown): ReturnType<ProblemError['toProblem']> {
  try {
    act();
  } catch (error) {
    if (error instanceof ProblemError) return error.toProblem();
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('request parsing', () => {
  it('S1 S2 a body that names the actor is refused by name, before anything else', () => {
    expect(problemOf(() => refuseSelfDeclaredActor({ age: 'adult', actor: 'cw_01BOLA00000000000000' }))).toMatchObject({
      status: 400,
      code: 'ACTOR_NOT_ALLOWED',
      errors: [{ field: 'actor', message: 'is set by the API from the verified caller' }],
    });
    expect(problemOf(() => refuseSelfDeclaredActor({ commandId: 'mine' }))).toMatchObject({ code: 'ACTOR_NOT_ALLOWED', errors: [{ field: 'commandId' }] });
    expect(() => refuseSelfDeclaredActor({ age: 'adult' })).not.toThrow();
  });

  it('names every field a body gets wrong, unknown fields included', () => {
    const problem = problemOf(() => parseWith(screeningBody, { age: 'ancient', vulnerabilities: 'none', colour: 'blue' }, 'body'));
    expect(problem).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['age', 'colour', 'vulnerabilities']);
  });

  it('fills the defaults of a valid body', () => {
    expect(parseWith(screeningBody, { age: 'adult' }, 'body')).toEqual({ age: 'adult', vulnerabilities: [] });
  });

  it('refuses a missing body as an empty one, naming what it lacks', () => {
    expect(problemOf(() => parseWith(screeningBody, undefined, 'body')).errors).toEqual([{ field: 'age', message: expect.any(String) }]);
  });
});
