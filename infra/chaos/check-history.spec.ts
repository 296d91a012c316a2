import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHistory, healthyScenario, ids } from './checker/test-support/healthy-run';

const root = join(__dirname, '..', '..');

/** Runs the CLI the way `npm run chaos:check` does, with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', './infra/scripts/register.cjs', 'infra/chaos/check-history.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run chaos:check', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function historyFile(records: object[]): Promise<string> {
    const path = join(dir, 'history.jsonl');
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    return path;
  }

  it('prints the tables and exits 0 on a history without violations, 1 on one with a violation', async () => {
    const healthy = await runCli([await historyFile(buildHistory(healthyScenario()))]);
    expect(healthy).toMatchObject({ code: 0, stderr: '' });
    expect(healthy.stdout).toContain('Run run_healthy, seed 42');
    expect(healthy.stdout).toContain('PASS: no violation');

    await rm(join(dir, 'history.jsonl'));
    const run = healthyScenario();
    run.views.find((view) => view.caseId === ids.caseOne)!.commands[1]!.actor = ids.alice;
    const failing = await runCli([await historyFile(buildHistory(run)), '--examples', '1']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('FAIL: 1 violations of 1 invariants (four-eyes)');
  });

  it('exits 2 naming the malformed line, or the missing argument', async () => {
    const records: object[] = buildHistory(healthyScenario());
    records[2] = { ...records[2], type: 'mystery' };
    const path = await historyFile(records);
    const malformed = await runCli([path]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(`${path} line 3: not a valid record`);
    const usage = await runCli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run chaos:check');
  });
});
