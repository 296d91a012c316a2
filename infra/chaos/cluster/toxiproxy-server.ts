import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { step } from '../../stack/console-progress';
import { stampMatches } from '../../stack/maven-runtime';
import { assertPortFree, isHttpHealthy, waitUntil } from '../../stack/ports';
import { TOOLS_DIR } from '../../stack/repo-paths';
import { runCommand } from '../../stack/shell';
import { ToolPaths } from '../../stack/tool-paths';
import { SupervisedProcess } from '../../stack/supervised-process';

/** The Toxiproxy version the project pins (the newest the Go module proxy serves for the v2 module). */
export const TOXIPROXY_VERSION = 'v2.5.0';

/**
 * Installs toxiproxy-server and toxiproxy-cli from the Go module proxy into the tools folder, unless the pinned
 * version is there. `go install` names the binaries after their folders (`server`, `cli`), so they are built into
 * a scratch folder and moved under their usual names.
 */
export async function ensureToxiproxy(): Promise<void> {
  const stamp = `${ToolPaths.toxiproxyServer}.version`;
  if (existsSync(ToolPaths.toxiproxyServer) && existsSync(ToolPaths.toxiproxyCli) && stampMatches(stamp, TOXIPROXY_VERSION)) return;
  await step('provision', `Toxiproxy ${TOXIPROXY_VERSION} (go install from the Go module proxy)`, async () => {
    mkdirSync(join(TOOLS_DIR, 'bin'), { recursive: true });
    const scratch = mkdtempSync(join(tmpdir(), 'toxiproxy-'));
    try {
      const module = 'github.com/Shopify/toxiproxy/v2/cmd';
      await runCommand('go', ['install', `${module}/server@${TOXIPROXY_VERSION}`, `${module}/cli@${TOXIPROXY_VERSION}`], {
        env: { ...process.env, GOBIN: scratch, GOFLAGS: `${process.env['GOFLAGS'] ?? ''} -buildvcs=false`.trim() },
        hint: 'Install Go 1.24 or newer (https://go.dev/doc/install or apt-get install golang) and check that the Go module proxy is reachable.',
      });
      renameSync(join(scratch, 'server'), ToolPaths.toxiproxyServer);
      renameSync(join(scratch, 'cli'), ToolPaths.toxiproxyCli);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    writeFileSync(stamp, TOXIPROXY_VERSION + '\n');
  });
}

/** Starts toxiproxy-server with its HTTP API on the loopback port, and waits until the API answers. */
export async function startToxiproxyServer(apiPort: number, logFile: string): Promise<SupervisedProcess> {
  await assertPortFree(apiPort, 'the Toxiproxy API');
  const server = SupervisedProcess.start({
    name: 'toxiproxy',
    command: ToolPaths.toxiproxyServer,
    // A fixed seed: the jitter of latency toxics is then the same from run to run.
    args: ['-host', '127.0.0.1', '-port', String(apiPort), '-seed', '1'],
    logFile,
  });
  await waitUntil(
    async () => {
      server.assertRunning();
      return isHttpHealthy(`http://127.0.0.1:${apiPort}/version`);
    },
    20_000,
    'the Toxiproxy API to answer',
    `Read its log: ${logFile}`,
  );
  return server;
}
