import { ChromiumSetupError, DEBIAN_CHROMIUM_PATH, ensureChromium } from './chromium';

const quiet = () => undefined;

describe('Chromium for the browser tests', () => {
  it('uses Debian\'s chromium when it is there, installing nothing', async () => {
    const run = jest.fn();
    await expect(ensureChromium({ path: DEBIAN_CHROMIUM_PATH, exists: () => true, run, log: quiet })).resolves.toBe(DEBIAN_CHROMIUM_PATH);
    expect(run).not.toHaveBeenCalled();
  });

  it('installs Debian\'s chromium with apt-get when it is missing and it may', async () => {
    let installed = false;
    const calls: string[][] = [];
    const run = jest.fn(async (command: string, args: readonly string[]) => {
      calls.push([command, ...args]);
      if (args.includes('install')) installed = true;
      return '';
    });
    await expect(ensureChromium({ path: DEBIAN_CHROMIUM_PATH, exists: () => installed, canInstallWithApt: () => true, run, log: quiet })).resolves.toBe(DEBIAN_CHROMIUM_PATH);
    expect(calls).toEqual([
      ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update'],
      ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'chromium'],
    ]);
  });

  it('says how to install it when it may not install it itself', async () => {
    await expect(ensureChromium({ path: DEBIAN_CHROMIUM_PATH, exists: () => false, canInstallWithApt: () => false, log: quiet })).rejects.toThrow(
      new ChromiumSetupError(`Chromium was not found at ${DEBIAN_CHROMIUM_PATH}. Install Chromium, then run again: on Debian \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`),
    );
  });

  it('refuses a CHROMIUM_PATH that is not there rather than installing another browser', async () => {
    await expect(ensureChromium({ path: '/opt/none/chrome', exists: () => false, canInstallWithApt: () => true, log: quiet })).rejects.toThrow(/CHROMIUM_PATH is \/opt\/none\/chrome/);
  });
});
