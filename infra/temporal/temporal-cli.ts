import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step } from '../stack/console-progress';
import { stampMatches } from '../stack/maven-runtime';
import { TOOLS_DIR } from '../stack/repo-paths';
import { runCommand } from '../stack/shell';
import { ToolPaths } from '../stack/tool-paths';

/** The Temporal CLI version the project pins (newer tags carry a `replace` directive and refuse `go install`). */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** Installs the pinned Temporal CLI from the Go module proxy into the tools folder, unless it is already there. */
export async function ensureTemporalCli(): Promise<void> {
  // `go install` builds report version 0.0.0-DEV, so a stamp file records which tag was installed.
  const stamp = `${ToolPaths.temporalCli}.version`;
  if (existsSync(ToolPaths.temporalCli) && stampMatches(stamp, TEMPORAL_CLI_VERSION)) return;
  await step('provision', `Temporal CLI ${TEMPORAL_CLI_VERSION} (go install from the Go module proxy; a few minutes on first run)`, async () => {
    mkdirSync(join(TOOLS_DIR, 'bin'), { recursive: true });
    await runCommand('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: join(TOOLS_DIR, 'bin'), GOFLAGS: `${process.env['GOFLAGS'] ?? ''} -buildvcs=false`.trim() },
      hint: 'Install Go 1.24 or newer (https://go.dev/doc/install or apt-get install golang) and check that the Go module proxy is reachable.',
    });
    writeFileSync(stamp, TEMPORAL_CLI_VERSION + '\n');
  });
}
