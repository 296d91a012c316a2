import { existsSync } from 'node:fs';
import { aptInstall, canInstallWithApt } from '../debian/apt-install';
import { isExecutable, type runCommand } from '../postgres/postgres-command';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium could not be found or installed; the message says how to install it. */
export class ChromiumSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumSetupError';
  }
}

/** What {@link ensureChromium} may do; tests replace the system-facing parts. */
export interface EnsureChromiumOptions {
  log?: (line: string) => void;
  /** The browser to use when set (`CHROMIUM_PATH`), else Debian's. */
  path?: string;
  exists?: (path: string) => boolean;
  canInstallWithApt?: () => boolean;
  run?: typeof runCommand;
}

const INSTALL_HINT = 'Install Chromium, then run again: on Debian `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH`, or Debian's `chromium` package, installed with
 * apt-get when it is missing and this process is root. Nothing downloads a browser of its own: the
 * tests use `playwright-core`, which brings none.
 */
export async function ensureChromium(options: EnsureChromiumOptions = {}): Promise<string> {
  const log = options.log ?? ((line: string) => process.stdout.write(`[chromium] ${line}\n`));
  const path = options.path ?? process.env['CHROMIUM_PATH'] ?? DEBIAN_CHROMIUM_PATH;
  const exists = options.exists ?? ((candidate: string) => existsSync(candidate) && isExecutable(candidate));
  if (exists(path)) return path;
  if (path !== DEBIAN_CHROMIUM_PATH) throw new ChromiumSetupError(`CHROMIUM_PATH is ${path}, which is not an executable file. ${INSTALL_HINT}`);
  if (!(options.canInstallWithApt ?? canInstallWithApt)()) throw new ChromiumSetupError(`Chromium was not found at ${path}. ${INSTALL_HINT}`);
  log('Chromium not found: installing the Debian package chromium with apt-get (a minute or two)');
  const started = Date.now();
  try {
    await aptInstall(['chromium'], { log, ...(options.run ? { run: options.run } : {}) });
  } catch (error) {
    throw new ChromiumSetupError(`Installing Chromium with apt-get failed: ${error instanceof Error ? error.message : String(error)}\n${INSTALL_HINT}`);
  }
  if (!exists(path)) throw new ChromiumSetupError(`apt-get installed chromium, but ${path} is still missing. ${INSTALL_HINT}`);
  log(`Chromium installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${path})`);
  return path;
}
