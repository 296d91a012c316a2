import type { NextFunction, Request, Response } from 'express';
import { CSRF_FIELD, CsrfError, csrfProtection, csrfTokenMatches } from './csrf';

function run(method: string, session: Record<string, unknown>, body?: Record<string, unknown>) {
  const response = { locals: {} as Record<string, unknown> };
  const next = jest.fn() as jest.MockedFunction<NextFunction>;
  csrfProtection({ method, session, body } as unknown as Request, response as unknown as Response, next);
  return { next, locals: response.locals, session };
}

describe('CSRF protection', () => {
  it('gives a signed-in session a token on its first page and hands it to the templates', () => {
    const { next, locals, session } = run('GET', { person: { actorId: 'cw_a', name: 'A', roles: ['caseworker'] } });
    expect(session['csrfToken']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(locals['csrfToken']).toBe(session['csrfToken']);
    expect(next).toHaveBeenCalledWith();
  });

  it('lets a form through with the session\'s token', () => {
    const { next } = run('POST', { csrfToken: 'a'.repeat(43) }, { [CSRF_FIELD]: 'a'.repeat(43) });
    expect(next).toHaveBeenCalledWith();
  });

  it.each([
    ['without a token', {}],
    ['with another token', { [CSRF_FIELD]: 'b'.repeat(43) }],
    ['with a token of another length', { [CSRF_FIELD]: 'a' }],
    ['with a token that is not text', { [CSRF_FIELD]: ['a'.repeat(43)] }],
  ])('refuses a form posted %s', (_, body) => {
    const { next } = run('POST', { csrfToken: 'a'.repeat(43) }, body);
    expect(next).toHaveBeenCalledWith(expect.any(CsrfError));
  });

  it('starts no session for a visitor who is not signed in, and refuses their posts', () => {
    expect(run('GET', {}).session['csrfToken']).toBeUndefined();
    expect(run('POST', {}, { [CSRF_FIELD]: '' }).next).toHaveBeenCalledWith(expect.any(CsrfError));
  });

  it('compares nothing to nothing as a mismatch', () => {
    expect(csrfTokenMatches(undefined, undefined)).toBe(false);
    expect(csrfTokenMatches('', '')).toBe(false);
  });
});
