import { type ConsoleTestApp, startConsoleTestApp } from '../test-support/console-test-app';

const alice = { actorId: 'cw_01ALICE0000000000000', name: 'Alice Ashworth', roles: ['caseworker'], team: 'south-east' };
const emptyQueue = { items: [], total: 0, countsByStep: {}, truncated: false };
const readmissionCase = {
  caseId: 'case_A1',
  kind: 'readmission',
  team: 'south-east',
  state: 'awaiting-selection',
  waitingOn: 'selection',
  onHold: false,
  reEntry: false,
  alerts: [],
  deadlines: [],
  timeline: [],
  view: 'full',
};

let app: ConsoleTestApp;

beforeAll(async () => {
  app = await startConsoleTestApp();
}, 60_000);

afterAll(() => app?.close());

beforeEach(async () => {
  await app.reset();
  app.answers['GET /api/v1/me'] = { status: 200, body: alice };
  app.answers['GET /api/v1/work-queue'] = { status: 200, body: emptyQueue };
  app.answers['GET /api/v1/readmission-cases/case_A1'] = { status: 200, body: readmissionCase };
});

describe('the console, deny by default', () => {
  it('sends a visitor to sign in and back to the page they asked for', async () => {
    const page = await app.request('/work?kind=eoi');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/sign-in?returnTo=%2Fwork%3Fkind%3Deoi');
    const signIn = await app.request(page.location as string);
    expect(signIn.location).toBe('http://provider.invalid/authorize');
    expect((await app.request('/auth/callback?code=c1&state=state-1')).location).toBe('/work?kind=eoi');
  });

  it('never sends anyone to another site after sign-in, whatever returnTo says', async () => {
    await app.request('/sign-in?returnTo=%2F%2Fevil.example%2Fphish');
    expect((await app.request('/auth/callback?code=c1&state=state-1')).location).toBe('/work');
  });

  it('refuses a callback that does not belong to the sign-in this browser began', async () => {
    await app.request('/sign-in');
    const forged = await app.request('/auth/callback?code=c1&state=someone-elses');
    expect(forged.status).toBe(401);
    expect(forged.text).toContain('Sign-in failed');
    expect((await app.request('/work')).status).toBe(303);
  });

  it('S3 calls the casework API only with the signed-in person\'s own token', async () => {
    await app.signIn();
    expect((await app.request('/work')).status).toBe(200);
    expect(app.calls.map((call) => call.authorization)).toEqual(['Bearer access-token-1', 'Bearer access-token-1']);
  });

  it('answers 403 for a page the person\'s role does not open, and 404 for what does not exist', async () => {
    await app.signIn();
    expect((await app.request('/audit?purpose=check')).status).toBe(403);
    const missing = await app.request('/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });

  it('S3 shows a case of another team as not found, as the API answers', async () => {
    await app.signIn();
    const page = await app.request('/cases/readmission/case_OTHER');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
  });

  it('ends the session with a clear page when the API no longer accepts the token', async () => {
    await app.signIn();
    app.answers['GET /api/v1/work-queue'] = { status: 401, body: { status: 401, code: 'INVALID_TOKEN', detail: 'expired' } };
    const page = await app.request('/work');
    expect(page.location).toBe('/session-expired');
    expect((await app.request('/session-expired')).text).toContain('Your session has ended');
    expect((await app.request('/work')).location).toBe('/sign-in?returnTo=%2Fwork');
  });
});

describe('the console when an access token runs out', () => {
  let shortLived: ConsoleTestApp;
  let expiresAt = 0;

  beforeAll(async () => {
    shortLived = await startConsoleTestApp({ expiresAt: () => expiresAt });
  }, 60_000);

  afterAll(() => shortLived?.close());

  beforeEach(async () => {
    await shortLived.reset();
    shortLived.answers['GET /api/v1/me'] = { status: 200, body: alice };
    shortLived.answers['GET /api/v1/work-queue'] = { status: 200, body: emptyQueue };
  });

  it('renews the sign-in of someone reading a page, and brings them back to it', async () => {
    expiresAt = Date.now() - 1;
    await shortLived.signIn();
    const page = await shortLived.request('/work?kind=readmission');
    expect(page.location).toBe('/sign-in?returnTo=%2Fwork%3Fkind%3Dreadmission');
  });

  it('shows the session-ended page to a form sent after the token ran out, and sends nothing', async () => {
    expiresAt = Date.now() + 60_000;
    await shortLived.signIn();
    const token = await shortLived.csrfToken();
    await shortLived.db.query(`UPDATE sessions SET data = jsonb_set(data, '{accessTokenExpiresAt}', '0')`);
    const posted = await shortLived.request('/cases/readmission/case_A1/steps/selection', { method: 'POST', form: { _csrf: token, selected: 'yes', reason: 'x', idempotencyKey: '4b6f1f59-0b57-4a1c-8a2e-0d8f1d1b2c3a', action: 'submit' } });
    expect(posted.location).toBe('/session-expired');
    expect(shortLived.calls.some((call) => call.method === 'POST')).toBe(false);
  });
});

describe('the console\'s sessions, cookies and headers', () => {
  it('keeps the session on the server behind an HTTP-only, SameSite=Lax cookie', async () => {
    const signIn = await app.request('/sign-in');
    const cookie = signIn.headers.getSetCookie().find((header) => header.startsWith('oioo.console.sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/access-token/);
    await app.request('/auth/callback?code=c1&state=state-1');
    const stored = await app.db.query<{ data: { accessToken: string; person: { actorId: string } } }>('SELECT data FROM sessions');
    expect(stored.rows.map((row) => [row.data.person.actorId, row.data.accessToken])).toEqual([[alice.actorId, 'access-token-1']]);
  });

  it('gives a new session id at sign-in, so an id planted before it is worth nothing', async () => {
    const before = (await app.request('/sign-in')).headers.getSetCookie()[0];
    const after = (await app.request('/auth/callback?code=c1&state=state-1')).headers.getSetCookie()[0];
    expect(after?.split(';')[0]).not.toBe(before?.split(';')[0]);
  });

  it('sends a CSP without inline scripts, refuses framing, and no HSTS over plain HTTP', async () => {
    const page = await app.request('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('starts no session for a health probe', async () => {
    expect((await app.request('/health', { cookies: false })).status).toBe(200);
    expect((await app.db.query('SELECT sid FROM sessions')).rowCount).toBe(0);
  });

  it('serves GOV.UK Frontend\'s stylesheet and its own script', async () => {
    expect((await app.request('/stylesheets/govuk-frontend.min.css')).status).toBe(200);
    expect((await app.request('/console/console.js')).text).toContain('initAll');
  });
});

describe('steps as forms', () => {
  it('refuses a form posted without the session\'s CSRF token, and calls nothing', async () => {
    await app.signIn();
    const page = await app.request('/cases/readmission/case_A1/steps/selection', { method: 'POST', form: { selected: 'yes', reason: 'fits', idempotencyKey: '4b6f1f59-0b57-4a1c-8a2e-0d8f1d1b2c3a', action: 'submit' } });
    expect(page.status).toBe(403);
    expect(page.text).toContain('This form has expired');
    expect(app.calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('sends the step as the API\'s body with the form\'s idempotency key, then confirms it', async () => {
    await app.signIn();
    app.answers['POST /api/v1/readmission-cases/case_A1/selection'] = { status: 200, body: { state: 'awaiting-detention', commandId: 'c', result: {} } };
    const key = '4b6f1f59-0b57-4a1c-8a2e-0d8f1d1b2c3a';
    const posted = await app.request('/cases/readmission/case_A1/steps/selection', { method: 'POST', form: { _csrf: await app.csrfToken(), selected: 'yes', reason: 'meets the criteria', idempotencyKey: key, action: 'submit' } });
    expect(posted.location).toBe('/cases/readmission/case_A1/steps/selection/done?state=awaiting-detention');
    expect(app.calls.find((call) => call.method === 'POST')).toMatchObject({ body: { selected: true, reason: 'meets the criteria' }, idempotencyKey: key });
    expect((await app.request(posted.location as string)).text).toContain('The case is now: awaiting detention');
  });

  it('puts the API\'s field errors on the form, in the summary and on the field', async () => {
    await app.signIn();
    app.answers['POST /api/v1/readmission-cases/case_A1/selection'] = { status: 400, body: { status: 400, code: 'INVALID_INPUT', detail: 'the body is not valid', errors: [{ field: 'reason', message: 'Too small' }] } };
    const posted = await app.request('/cases/readmission/case_A1/steps/selection', { method: 'POST', form: { _csrf: await app.csrfToken(), selected: 'yes', reason: '', idempotencyKey: '4b6f1f59-0b57-4a1c-8a2e-0d8f1d1b2c3a', action: 'submit' } });
    expect(posted.status).toBe(400);
    expect(posted.text).toContain('govuk-error-summary');
    expect(posted.text).toContain('href="#reason"');
    expect(posted.text).toMatch(/id="reason-error"[\s\S]*Enter the reason/);
    expect(posted.text).toContain('<title>Error:');
  });

  it('refuses a post that names an actor of its own, before the API is called', async () => {
    await app.signIn();
    const posted = await app.request('/cases/readmission/case_A1/steps/selection', { method: 'POST', form: { _csrf: await app.csrfToken(), selected: 'yes', reason: 'x', actor: 'cw_someone_else', idempotencyKey: '4b6f1f59-0b57-4a1c-8a2e-0d8f1d1b2c3a', action: 'submit' } });
    expect(posted.status).toBe(400);
    expect(app.calls.some((call) => call.method === 'POST')).toBe(false);
  });
});
