import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall, canInstallWithApt } from '@oioo/testing';
import { StackError } from '../stack/console-progress';
import { assertPortFree, isHttpHealthy, waitUntil } from '../stack/ports';
import { runCommand } from '../stack/shell';
import type { StackProfile } from '../stack/stack-profile';
import { SupervisedProcess } from '../stack/supervised-process';
import { type PrometheusConfigOptions, writePrometheusConfig } from './prometheus-config';

/** Debian's `prometheus` package: the server and `promtool`, which tests the alert rules. */
export const PrometheusPaths = {
  server: process.env['PROMETHEUS_PATH'] ?? '/usr/bin/prometheus',
  promtool: process.env['PROMTOOL_PATH'] ?? '/usr/bin/promtool',
} as const;

const INSTALL_HINT = 'Install Prometheus, then run again: on Debian `sudo apt-get install -y --no-install-recommends prometheus`, or set PROMETHEUS_PATH and PROMTOOL_PATH.';

/**
 * Provisions Prometheus from Debian's `prometheus` package (2.42 in bookworm) when the server or promtool
 * is missing and this process is root. The stack runs its own server with its own configuration and data;
 * Debian's service is never started (and is stopped if the package started it under systemd).
 */
export async function ensurePrometheus(log: (line: string) => void): Promise<void> {
  if (existsSync(PrometheusPaths.server) && existsSync(PrometheusPaths.promtool)) return;
  if (!canInstallWithApt()) throw new StackError(`Prometheus was not found at ${PrometheusPaths.server}.`, INSTALL_HINT);
  log('Prometheus not found: installing the Debian package prometheus with apt-get');
  await aptInstall(['prometheus'], { log });
  if (existsSync('/run/systemd/system')) {
    // The package's own service would scrape nothing of ours and hold port 9090: the stack runs its own server.
    await runCommand('systemctl', ['disable', '--now', 'prometheus'], { hint: 'Stop Debian\'s prometheus service: sudo systemctl disable --now prometheus' }).catch(() => undefined);
  }
  if (!existsSync(PrometheusPaths.server)) throw new StackError(`apt-get installed prometheus, but ${PrometheusPaths.server} is still missing.`, INSTALL_HINT);
}

/** The URL of a profile's Prometheus. */
export function prometheusUrl(profile: StackProfile): string {
  return `http://127.0.0.1:${profile.prometheus}`;
}

/** Starts Prometheus on the profile's port with the stack's scrape configuration and alert rules, and waits until it is ready. */
export async function startPrometheus(profile: StackProfile, options: PrometheusConfigOptions = {}): Promise<SupervisedProcess> {
  await assertPortFree(profile.prometheus, 'Prometheus');
  const configFile = writePrometheusConfig(profile, options);
  const server = SupervisedProcess.start({
    name: 'prometheus',
    command: PrometheusPaths.server,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(profile.dataDir, 'prometheus', 'data')}`,
      '--storage.tsdb.retention.time=7d',
      `--web.listen-address=127.0.0.1:${profile.prometheus}`,
    ],
    logFile: join(profile.logDir, 'prometheus.log'),
  });
  await waitUntil(
    async () => {
      server.assertRunning();
      return isHttpHealthy(`${prometheusUrl(profile)}/-/ready`);
    },
    60_000,
    'Prometheus to report ready',
    `Read its log: ${join(profile.logDir, 'prometheus.log')}`,
  );
  return server;
}
