import { ensureChromium } from '@oioo/testing';
import { ensureToxiproxy } from '../chaos/cluster/toxiproxy-server';
import { ensureKafka } from '../kafka/kafka-runtime';
import { ensurePrometheus } from '../prometheus/prometheus-server';
import { ensureTemporalCli } from '../temporal/temporal-cli';
import { ensureTemporalTestServer } from '../temporal/test-server';
import { StackError, say } from './console-progress';
import { JAVA_HINT } from './maven-runtime';
import { TOOLS_DIR } from './repo-paths';
import { runCommand } from './shell';

/** Checks Java is there and new enough before anything tries to start a JVM. */
export async function assertJava(): Promise<void> {
  const output = await runCommand('java', ['-version'], { hint: JAVA_HINT });
  const major = Number(/version "(\d+)/.exec(output)?.[1] ?? 0);
  if (major < 17) throw new StackError(`Java ${major} found; Kafka and the Temporal test server here need Java 17 or newer.`, JAVA_HINT);
}

/** Provisions every tool the stack needs, and with `browser` the Chromium the browser tests drive; each is skipped when already in place. */
export async function provisionTools(options: { browser?: boolean } = {}): Promise<void> {
  await assertJava();
  await ensureTemporalCli();
  await ensureTemporalTestServer();
  await ensureKafka();
  await ensureToxiproxy();
  await ensurePrometheus((line) => say('provision', line));
  if (options.browser) await ensureChromium({ log: (line) => say('provision', line) });
  say('provision', `tools ready in ${TOOLS_DIR}`);
}

if (require.main === module) {
  provisionTools({ browser: true }).catch((error: unknown) => {
    const hint = error instanceof StackError ? `\n  → ${error.hint}` : '';
    process.stderr.write(`\n✖ ${error instanceof Error ? error.message : String(error)}${hint}\n`);
    process.exit(1);
  });
}
