import { randomUUID } from 'node:crypto';
import { type Locator, type Page } from 'playwright-core';
import { eventually } from '../support/stack';
import type { CaseworkSteps } from './casework-steps';
import { ConsoleBrowser, type SignedInBrowser } from './console-browser';
import type { E2eContext } from './e2e-context';
import { LegalRouteSteps } from './legal-route-steps';

/** Waits until the element shows, failing the test when it does not within ten seconds. */
function visible(locator: Locator): Promise<void> {
  return locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Fills a step's form by its labels and sends it with the form's own button. */
async function fillStep(page: Page, answers: { choose?: Record<string, string>; type?: Record<string, string> }, button: 'Save and continue' | 'Continue'): Promise<void> {
  for (const [group, option] of Object.entries(answers.choose ?? {})) await page.getByRole('group', { name: group }).getByLabel(option, { exact: true }).check();
  for (const [label, text] of Object.entries(answers.type ?? {})) await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByRole('button', { name: button }).click();
}

/** The next step's button on a case page, once the case waits for it (the page is re-read until it does). */
async function openNextStep(page: Page, url: string, title: string): Promise<void> {
  await eventually(
    async () => {
      await page.goto(url);
      return page.getByRole('button', { name: title }).count();
    },
    (count) => count > 0,
    60_000,
  );
  await page.getByRole('button', { name: title }).click();
}

/**
 * The caseworker console in a real Chromium, on the real stack: people sign in at the provider, work
 * cases through the forms only, and meet the refusals a console must make plain. Every page reached is
 * checked with axe-core and photographed.
 */
export function describeConsoleScenarios(context: E2eContext, casework: CaseworkSteps): void {
  const route = new LegalRouteSteps(context);
  let browser: ConsoleBrowser;
  const signedIn: SignedInBrowser[] = [];
  const signIn = async (username: string) => {
    const session = await browser.signIn(username);
    signedIn.push(session);
    return session;
  };

  describe('the caseworker console in a browser', () => {
    beforeAll(async () => {
      browser = new ConsoleBrowser(context.platform.console.url);
      await browser.launch();
    }, 180_000);
    afterAll(async () => {
      for (const { context: browserContext } of signedIn) await browserContext.close();
      await browser?.close();
      process.stdout.write(`console: ${browser?.checked.length ?? 0} pages checked with axe-core; ${browser?.findings.length ?? 0} serious or critical violations\n`);
    });

    it('S1 R8 two people take a readmission case from screening to approved removal directions through the forms only', async () => {
      const caseId = await casework.openCase('south-east');
      const alice = await signIn('alice');
      const bola = await signIn('bola');
      const caseUrl = browser.url(`/cases/readmission/${caseId}`);

      await eventually(
        async () => {
          await alice.page.goto(browser.url('/work?kind=readmission'));
          return alice.page.getByRole('link', { name: caseId }).count();
        },
        (count) => count > 0,
      );
      await browser.check(alice.page, 'work-queue');
      await alice.page.getByRole('link', { name: caseId }).click();
      await visible(alice.page.getByText('Your view of this case is recorded'));
      await browser.check(alice.page, 'readmission-case');

      await alice.page.getByRole('button', { name: 'Record the screening' }).click();
      await browser.check(alice.page, 'step-screening');
      await fillStep(alice.page, { choose: { Age: 'Adult' } }, 'Save and continue');
      await visible(alice.page.getByRole('heading', { name: 'Screening recorded' }));
      await browser.check(alice.page, 'step-confirmation');

      await openNextStep(alice.page, caseUrl, 'Decide selection for the pilot');
      // The API's refusal of an empty reason comes back onto the form, in the error summary and on the field.
      await fillStep(alice.page, { choose: { 'Is the case selected for the pilot?': 'Yes' } }, 'Save and continue');
      await visible(alice.page.getByRole('alert').getByRole('link', { name: 'Enter the reason' }));
      expect(await alice.page.locator('#reason-error').textContent()).toContain('Enter the reason');
      await browser.check(alice.page, 'step-errors');
      await fillStep(alice.page, { type: { Reason: 'meets the pilot criteria' } }, 'Save and continue');
      await visible(alice.page.getByRole('heading', { name: 'Selection decided' }));

      await openNextStep(alice.page, caseUrl, 'Record detention');
      await fillStep(alice.page, { type: { 'Detention facility': 'IRC Harmondsworth' } }, 'Save and continue');
      await openNextStep(alice.page, caseUrl, 'Propose the inadmissibility decision');
      await fillStep(alice.page, { choose: { 'Proposed decision on the asylum claim': 'Inadmissible: the person can be readmitted to France' }, type: { Reasons: 'arrived from France, a safe country' } }, 'Save and continue');
      await visible(alice.page.getByRole('heading', { name: 'Decision proposed: a second person approves it' }));

      // Four eyes: Bola sees the proposal, its reasons and its proposer, checks the answers, then confirms.
      await openNextStep(bola.page, caseUrl, 'Approve the inadmissibility decision');
      await visible(bola.page.getByText('Alice Ashworth'));
      await visible(bola.page.getByText('arrived from France, a safe country'));
      await browser.check(bola.page, 'step-review');
      await fillStep(bola.page, { choose: { 'Do you approve the proposed decision?': 'Yes' }, type: { 'Reason for your decision': 'agree with the proposal' } }, 'Continue');
      await visible(bola.page.getByRole('heading', { name: /Check your answers/ }));
      await browser.check(bola.page, 'check-answers');
      await bola.page.getByRole('button', { name: 'Confirm and submit' }).click();
      await visible(bola.page.getByRole('heading', { name: 'Review recorded' }));

      await casework.readmissions.waitForCase(caseId, (view) => view.state === 'awaiting-reply');
      await casework.franceAnswers(caseId, 1, { kind: 'accepted' });
      await openNextStep(alice.page, caseUrl, 'Propose removal directions');
      await fillStep(alice.page, { type: { Reasons: 'France accepted; no bar applies' } }, 'Save and continue');
      await openNextStep(bola.page, caseUrl, 'Approve removal directions');
      await fillStep(bola.page, { choose: { 'Do you approve the removal directions?': 'Yes' }, type: { 'Reason for your decision': 'served with the notice R8 asks' } }, 'Continue');
      await bola.page.getByRole('button', { name: 'Confirm and submit' }).click();
      await visible(bola.page.getByText('The case is now: awaiting movement'));

      await bola.page.goto(caseUrl);
      await visible(bola.page.getByText('Decision approved: removal directions'));
      const view = await casework.readmissions.caseView(caseId);
      expect(view.timeline.filter((entry) => entry.what.startsWith('decision:')).map((entry) => [entry.what, entry.by])).toEqual([
        ['decision:inadmissibility', 'cw_01BOLA00000000000000'],
        ['decision:removal-directions', 'cw_01BOLA00000000000000'],
      ]);
    });

    it('S1 a person who proposed a decision finds no button to approve it, and a forced approval is refused on the form', async () => {
      const caseId = await casework.openCase('south-east');
      const bola = await signIn('bola');
      const caseUrl = browser.url(`/cases/readmission/${caseId}`);
      await openNextStep(bola.page, caseUrl, 'Record the screening');
      await fillStep(bola.page, { choose: { Age: 'Adult' } }, 'Save and continue');
      await openNextStep(bola.page, caseUrl, 'Decide selection for the pilot');
      await fillStep(bola.page, { choose: { 'Is the case selected for the pilot?': 'Yes' }, type: { Reason: 'meets the pilot criteria' } }, 'Save and continue');
      await openNextStep(bola.page, caseUrl, 'Record detention');
      await fillStep(bola.page, { type: { 'Detention facility': 'IRC Colnbrook' } }, 'Save and continue');
      await openNextStep(bola.page, caseUrl, 'Propose the inadmissibility decision');
      await fillStep(bola.page, { choose: { 'Proposed decision on the asylum claim': 'Inadmissible: the person can be readmitted to France' }, type: { Reasons: 'safe third country' } }, 'Save and continue');

      await openNextStep(bola.page, caseUrl, 'Approve the inadmissibility decision');
      await visible(bola.page.getByText('You proposed this. A different person must approve it'));
      expect(await bola.page.getByRole('button', { name: 'Continue' }).count()).toBe(0);

      // Forced: the same post the form would send, with the session's CSRF token; the API refuses it (S1).
      const csrf = await bola.page.locator('input[name="_csrf"]').first().inputValue();
      const reviewUrl = browser.url(`/cases/readmission/${caseId}/steps/inadmissibility-review`);
      const forced = await bola.page.request.post(reviewUrl, { form: { _csrf: csrf, idempotencyKey: randomUUID(), action: 'confirm', approve: 'yes', reason: 'I agree with myself' } });
      expect(forced.status()).toBe(409);
      expect(await forced.text()).toContain('You proposed this, so a different person must approve it (four eyes, S1)');
      expect((await casework.readmissions.caseView(caseId)).state).toBe('inadmissibility-approval');
    });

    it('S3 a caseworker opening another team\'s case by its URL is told there is no such page', async () => {
      const caseId = await casework.openCase('south-east');
      const chris = await signIn('chris');
      const response = await chris.page.goto(browser.url(`/cases/readmission/${caseId}`));
      expect(response?.status()).toBe(404);
      await visible(chris.page.getByRole('heading', { name: 'Page not found' }));
      await browser.check(chris.page, 'not-found');
    });

    it('a form posted without its CSRF token is refused, and nothing is done', async () => {
      const caseId = await casework.openCase('south-east');
      const alice = await signIn('alice');
      const response = await alice.page.request.post(browser.url(`/cases/readmission/${caseId}/steps/screening`), { form: { idempotencyKey: randomUUID(), action: 'submit', age: 'adult' } });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form has expired');
      expect((await casework.readmissions.caseView(caseId)).state).toBe('screening');
    });

    it('a session that has ended shows a clear page and signing in again returns to work', async () => {
      const alice = await signIn('alice');
      await alice.page.goto(browser.url('/work'));
      // The session ends as time would end it: the store no longer counts it.
      await context.platform.console.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute'");
      await alice.page.goto(browser.url('/work'));
      await visible(alice.page.getByRole('heading', { name: 'Your session has ended' }));
      await browser.check(alice.page, 'session-expired');
      await alice.page.getByRole('link', { name: 'Sign in again' }).click();
      await alice.page.waitForURL((url) => url.pathname === '/work');
      await visible(alice.page.getByRole('heading', { name: /Work queue/ }));
    });

    it('S1 E7 two people of the legal-route team decide an EOI and grant it through the forms only', async () => {
      const submission = await casework.eoiAwaitingDecision();

      const erin = await signIn('erin');
      const femi = await signIn('femi');
      const eoiUrl = browser.url(`/cases/eoi/${submission.eoiId}`);
      await openNextStep(erin.page, eoiUrl, 'Propose the decision on the expression of interest');
      await fillStep(erin.page, { choose: { 'Proposed decision': 'Grant: the family may travel to the UK' }, type: { Reasons: 'eligible; every check clear' } }, 'Save and continue');
      await openNextStep(femi.page, eoiUrl, 'Approve the decision on the expression of interest');
      await browser.check(femi.page, 'eoi-review');
      await visible(femi.page.getByText('Erin Evans'));
      await fillStep(femi.page, { choose: { 'Do you approve the proposed decision?': 'Yes' }, type: { 'Reason for your decision': 'agree with the proposal' } }, 'Continue');
      await femi.page.getByRole('button', { name: 'Confirm and submit' }).click();
      await visible(femi.page.getByText('The case is now: granted'));
      await femi.page.goto(eoiUrl);
      await browser.check(femi.page, 'eoi-case');
      expect((await route.eoiView(submission.eoiId)).state).toBe('granted');
    });

    it('Q3 the ledger officer sees the balance and the weekly figures as a table and a chart; the auditor reads the consultation log', async () => {
      const leo = await signIn('leo');
      await leo.page.waitForURL((url) => url.pathname === '/ledger');
      await visible(leo.page.getByRole('heading', { name: 'Equivalence ledger' }));
      await visible(leo.page.getByRole('img', { name: /Readmissions and admissions per week/ }));
      await visible(leo.page.getByRole('table', { name: /Weekly figures/ }));
      await visible(leo.page.getByRole('button', { name: 'Pause intake' }));
      // Q4 through the forms: pausing is reversible (no "check your answers"); resuming puts the ledger back as it was.
      await leo.page.getByRole('button', { name: 'Pause intake' }).click();
      await fillStep(leo.page, { type: { Reason: 'the committee asked for a pause' } }, 'Save and continue');
      await visible(leo.page.getByRole('heading', { name: 'Intake paused' }));
      await leo.page.goto(browser.url('/ledger'));
      await leo.page.getByRole('button', { name: 'Resume intake' }).click();
      await fillStep(leo.page, { type: { Reason: 'the committee lifted the pause' } }, 'Save and continue');
      await visible(leo.page.getByRole('heading', { name: 'Intake resumed' }));
      await browser.check(leo.page, 'ledger');

      const audrey = await signIn('audrey');
      await audrey.page.goto(browser.url('/audit?purpose=quarterly+audit&actorId=cw_01ALICE0000000000000'));
      await visible(audrey.page.getByRole('table', { name: /Reads, newest first/ }));
      await visible(audrey.page.getByText('Alice Ashworth').first());
      await browser.check(audrey.page, 'consultation-log');
      // The auditor opens a case from the log: the purpose goes with the read, and the page shows its decisions.
      await audrey.page.getByRole('table', { name: /Reads, newest first/ }).getByRole('link').first().click();
      await visible(audrey.page.getByRole('heading', { name: 'Decisions and history' }));
      await browser.check(audrey.page, 'auditor-case');
    });

    it('signing out ends the session at the console and at the provider', async () => {
      const sam = await signIn('sam');
      await sam.page.getByRole('button', { name: 'Sign out' }).click();
      // The provider asks before it signs the person out of it too (RP-initiated logout).
      await sam.page.getByRole('button', { name: 'Sign out' }).click();
      await sam.page.waitForURL((url) => url.pathname === '/signed-out');
      await visible(sam.page.getByRole('heading', { name: 'You have signed out' }));
      const after = await sam.page.goto(browser.url('/work'));
      expect(after?.url()).toContain('/interaction/');
    });

    it('WCAG 2.2 AA every page checked has no serious or critical axe-core violation', () => {
      expect(browser.checked.length).toBeGreaterThanOrEqual(10);
      expect(browser.findings).toEqual([]);
    });
  });
}
