import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exitWith, reportFailure, say, seconds, step } from './console-progress';
import { consoleUrl } from '../oidc/oidc-stack';
import { stackEnvironment, startInfrastructure } from './local-stack';
import { provisionTools } from './provision';
import { ToolPaths } from './tool-paths';
import { DATA_DIR, REPO_ROOT } from './repo-paths';
import { runAttached, runCommand } from './shell';
import { acquireStackLock } from './stack-lock';
import { testProfile as profile } from './stack-profile';
import type { SupervisedProcess } from './supervised-process';

/** Jest's JSON summary, the parts this script reads. */
interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
}

/**
 * `npm test`: every test, on the real stack. Provisions the tools, starts a Temporal dev server, a
 * Kafka broker and the OpenID Connect provider of its own (fresh, on ports apart from `npm start`'s;
 * Jest gets OIDC_ISSUER_URL and the clients file in its environment), type-checks and lints every
 * project meanwhile, runs every Jest project (unit, time-skipping, integration), then stops the stack.
 */
async function main(): Promise<number> {
  const startedAt = Date.now();
  // `npm test -- <path patterns>` runs only the Jest tests whose paths match, without the static checks: for working on one area.
  const onlyPaths = process.argv.slice(2);
  const releaseLock = acquireStackLock(join(DATA_DIR, `${profile.name}.lock`), 'npm test');
  const running: SupervisedProcess[] = [];
  const stopAll = async () => {
    for (const component of running.reverse()) await component.stop();
    releaseLock();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    rmSync(profile.dataDir, { recursive: true, force: true });
    await provisionTools({ browser: true });
    const staticChecks = onlyPaths.length > 0 ? Promise.resolve(true) : step('check', 'type-checking and linting every project (nx run-many -t build lint)', async () => {
      try {
        await runCommand(join(REPO_ROOT, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', 'lint', '--outputStyle=static', '--parallel=2', ...(process.env['CI'] ? ['--skip-nx-cache'] : [])], {
          cwd: REPO_ROOT,
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
          hint: 'Fix the type or lint errors above; `npx nx run-many -t build lint` shows them all.',
          failureTailLines: 300,
        });
        return true;
      } catch (error) {
        reportFailure(error);
        return false;
      }
    });
    // The Web UI is on (cheap: it runs inside the dev server) for the codec server's browser check.
    await startInfrastructure(profile, { ui: true }, (component) => running.push(component));
    // The end-to-end platform serves the console at the address the provider sends this profile's console back to.
    const env = { ...stackEnvironment(profile), TEMPORAL_TEST_SERVER_PATH: ToolPaths.temporalTestServer, OIOO_STACK: 'test', CONSOLE_PUBLIC_URL: consoleUrl(profile) };
    const resultsFile = join(profile.dataDir, 'jest-results.json');
    say('test', onlyPaths.length > 0 ? `running the Jest tests matching ${onlyPaths.join(' ')} (no static checks) ...` : 'running every Jest project (unit, workflow, integration) ...');
    const jestExit = await runAttachedJest(env, resultsFile, onlyPaths);
    const staticOk = await staticChecks;
    await stopAll();

    const summary = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as JestSummary) : undefined;
    const passed = summary?.numPassedTests ?? 0;
    const failed = (summary?.numFailedTests ?? 0) + (staticOk ? 0 : 1) + (summary ? 0 : 1);
    say('test', `finished in ${seconds(Date.now() - startedAt)}; static checks ${staticOk ? 'passed' : 'FAILED'}; logs in ${profile.logDir}`);
    // The plain closing line CI reads; a failed static check counts as one failure.
    process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
    return jestExit === 0 && staticOk && summary !== undefined ? 0 : 1;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Jest in its own process with the console attached, so its progress shows live. */
function runAttachedJest(env: NodeJS.ProcessEnv, resultsFile: string, onlyPaths: string[]): Promise<number> {
  const jest = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const pathArgs = onlyPaths.length > 0 ? ['--testPathPatterns', ...onlyPaths] : [];
  // OIOO_TEST_NAME narrows a focused run to the tests whose names match (the others are reported skipped).
  const nameArgs = process.env['OIOO_TEST_NAME'] ? ['--testNamePattern', process.env['OIOO_TEST_NAME']] : [];
  return runAttached(process.execPath, [jest, '-c', join(REPO_ROOT, 'jest.config.js'), '--json', `--outputFile=${resultsFile}`, ...pathArgs, ...nameArgs], { cwd: REPO_ROOT, env });
}

// CI reads the closing line, even when the run could not start.
exitWith(main, () => process.stdout.write('tests: 0 passed, 1 failed\n'));
