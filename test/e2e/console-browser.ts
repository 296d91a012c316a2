import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { LOCAL_PASSWORD } from '@oioo/local-oidc';
import { ensureChromium } from '@oioo/testing';

/** Where the run writes its screenshots of the console's pages (git-ignored; the README's copies are in docs/screenshots). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'tmp', 'console-screenshots');

/** One accessibility violation axe-core found, as the run reports it. */
export interface AccessibilityFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  nodes: number;
}

/** A person signed in to the console in a browser context of their own. */
export interface SignedInBrowser {
  context: BrowserContext;
  page: Page;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Debian's Chromium driven by playwright-core (which downloads no browser), for the console's browser
 * scenarios: people sign in at the real provider, each in a context of their own, and every page they
 * reach can be checked with axe-core and photographed.
 */
export class ConsoleBrowser {
  /** Every serious or critical violation found, per page checked. */
  readonly findings: AccessibilityFinding[] = [];
  /** The pages checked, by name. */
  readonly checked: string[] = [];
  private browser?: Browser;

  constructor(private readonly consoleUrl: string) {}

  /** Starts Chromium (installing Debian's package first if the provisioning has not). */
  async launch(): Promise<void> {
    const executablePath = await ensureChromium();
    // Root (CI, containers) cannot use Chromium's sandbox.
    const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    this.browser = await chromium.launch({ executablePath, headless: true, args });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }

  /** A URL of the console. */
  url(path: string): string {
    return `${this.consoleUrl}${path}`;
  }

  /** Signs a seeded person in through the start page and the provider's login form, as they would. */
  async signIn(username: string): Promise<SignedInBrowser> {
    if (!this.browser) throw new Error('launch() the browser first');
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(this.url('/'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(LOCAL_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.toString().startsWith(this.consoleUrl) && !url.pathname.startsWith('/auth/'));
    return { context, page };
  }

  /**
   * Runs axe-core in the page (WCAG 2.0–2.2 A and AA rules), records serious and critical violations,
   * and writes a screenshot named after the page. axe is evaluated through the DevTools protocol, so the
   * console's CSP, which forbids inline scripts, stays on.
   */
  async check(page: Page, name: string): Promise<void> {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: { id: string; impact?: string; help: string; nodes: unknown[] }[] }> } }).axe;
      const results = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? 'unknown', help: violation.help, nodes: violation.nodes.length }));
    });
    this.checked.push(name);
    for (const violation of violations) if (violation.impact === 'serious' || violation.impact === 'critical') this.findings.push({ page: name, ...violation });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}
