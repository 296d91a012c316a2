import { findOnPath, isRoot, runCommand } from '../postgres/postgres-command';

/** How {@link aptInstall} runs; tests replace the system-facing part. */
export interface AptInstallOptions {
  log: (line: string) => void;
  run?: typeof runCommand;
}

/** True when this process may install Debian packages itself: root, with apt-get on PATH. */
export function canInstallWithApt(): boolean {
  return isRoot() && findOnPath('apt-get') !== undefined;
}

/**
 * Installs Debian packages the way the project's provisioning does: `apt-get update`, then the packages
 * without recommends, non-interactive, each output line passed to `log`. Waits for, rather than fails on,
 * a dpkg lock held by another install (a parallel test worker, say).
 */
export async function aptInstall(packages: readonly string[], options: AptInstallOptions): Promise<void> {
  const run = options.run ?? runCommand;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  const echo = (line: string) => options.log(`apt-get: ${line}`);
  await run('apt-get', [...lockWait, 'update'], { env, onLine: echo });
  await run('apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', ...packages], { env, onLine: echo });
}
