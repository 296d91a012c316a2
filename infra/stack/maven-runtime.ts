import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { step } from './console-progress';
import { runCommand } from './shell';

/** Shown when Java or Maven is missing or too old. */
export const JAVA_HINT = 'Install a Java 17 JDK and Maven (Debian: apt-get install openjdk-17-jdk-headless maven), then run this again.';

/** A version stamp next to a tool records what was installed, so a later run can skip or redo the work. */
export function stampMatches(stampFile: string, wanted: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === wanted;
}

/** Copies a Maven project's runtime dependencies into a folder, unless the same pom was provisioned already. */
export async function ensureMavenRuntime(title: string, pom: string, libDir: string): Promise<void> {
  const wanted = createHash('sha256').update(readFileSync(pom)).digest('hex');
  const stamp = join(libDir, '.pom-sha256');
  if (stampMatches(stamp, wanted)) return;
  await step('provision', `${title} (Maven Central)`, async () => {
    rmSync(libDir, { recursive: true, force: true });
    mkdirSync(libDir, { recursive: true });
    await runCommand(
      'mvn',
      ['-B', '-q', '--no-transfer-progress', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime'],
      { hint: JAVA_HINT + ' Check that Maven Central is reachable.' },
    );
    writeFileSync(stamp, wanted + '\n');
  });
}
