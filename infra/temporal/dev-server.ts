import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { searchAttributeRegistrations } from '@oioo/contracts';
import { ToolPaths } from '../stack/tool-paths';
import { assertPortFree, waitUntil } from '../stack/ports';
import { runCommand } from '../stack/shell';
import type { StackProfile } from '../stack/stack-profile';
import { SupervisedProcess } from '../stack/supervised-process';

/** Address clients use to reach the profile's Temporal frontend. */
export function temporalAddress(profile: StackProfile): string {
  return `127.0.0.1:${profile.temporal.port}`;
}

/** The dev server's own Web UI, behind the sign-in gateway (infra/temporal/ui-gateway). */
export function temporalUiBackendUrl(profile: StackProfile): string {
  return `http://127.0.0.1:${profile.temporal.uiBackendPort}`;
}

/**
 * Starts the Temporal CLI dev server on a file-backed SQLite database in WAL mode (so histories
 * survive a restart and readers do not block the writer), with the project's search attributes. Its Web UI
 * listens on the UI backend port and calls the codec at `/codec` of the UI's public address (the gateway).
 *
 * The search attribute cache is turned back on: the CLI turns it off unless told, so that attributes added
 * while it runs show at once, and then every workflow task that upserts one, every describe and every row a
 * visibility listing returns reads the cluster metadata and the namespace from SQLite again. Under load
 * those reads were about three quarters of the server's database calls. This platform registers its
 * attributes with the flags below, before the server serves, so nothing is added later for the cache to miss.
 */
export async function startTemporalDevServer(profile: StackProfile, options: { ui: boolean }): Promise<SupervisedProcess> {
  const { port, uiPort, uiBackendPort, httpPort, metricsPort } = profile.temporal;
  await assertPortFree(port, 'the Temporal frontend (gRPC)');
  await assertPortFree(httpPort, 'the Temporal HTTP API');
  await assertPortFree(metricsPort, 'the Temporal metrics endpoint');
  if (options.ui) await assertPortFree(uiBackendPort, 'the Temporal Web UI (behind its sign-in gateway)');
  const dbDir = join(profile.dataDir, 'temporal');
  mkdirSync(dbDir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--http-port', String(httpPort),
    '--metrics-port', String(metricsPort),
    '--db-filename', join(dbDir, 'temporal.db'),
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    '--dynamic-config-value', 'system.forceSearchAttributesCacheRefreshOnRead=false',
    ...searchAttributeRegistrations.flatMap(({ name, cliType }) => ['--search-attribute', `${name}=${cliType}`]),
    ...(options.ui ? ['--ui-port', String(uiBackendPort), '--ui-codec-endpoint', `http://127.0.0.1:${uiPort}/codec`] : ['--headless']),
  ];
  const server = SupervisedProcess.start({ name: 'temporal', command: ToolPaths.temporalCli, args, logFile: join(profile.logDir, 'temporal.log') });
  await waitUntil(
    async () => {
      server.assertRunning();
      try {
        const output = await runCommand(ToolPaths.temporalCli, ['operator', 'cluster', 'health', '--address', temporalAddress(profile)], { hint: '' });
        return output.includes('SERVING');
      } catch {
        return false;
      }
    },
    60_000,
    'the Temporal dev server to report SERVING',
    `Read its log: ${join(profile.logDir, 'temporal.log')}`,
  );
  return server;
}
