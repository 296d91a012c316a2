import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testProfile } from '../stack/stack-profile';
import { ALERT_RULES, prometheusConfigText } from './prometheus-config';
import { PrometheusPaths } from './prometheus-server';

const run = promisify(execFile);

/** The alerts the runbook (docs/operations.md) has a section for, by these exact names. */
const ALERTS = [
  'WorkflowTaskFailures',
  'WorkflowNonDeterminism',
  'ScheduleToStartLatencyHigh',
  'KafkaConsumerLagNotDraining',
  'DeadLetterGrowth',
  'CasesPastDeadlineWithoutAlert',
  'LedgerImbalanceBeyondTolerance',
  'WorkerStoppedPolling',
  'ScrapeTargetDown',
];

const rules = readFileSync(ALERT_RULES, 'utf8');
const ruleTests = readFileSync(join(__dirname, 'alert-rules.test.yml'), 'utf8');

describe('the alert rules, with promtool', () => {
  it('define exactly the alerts the runbook names, each with a summary, a description and its runbook section', () => {
    const names = [...rules.matchAll(/- alert: (\w+)/g)].map((match) => match[1]);
    expect(names.sort()).toEqual([...ALERTS].sort());
    const blocks = rules.split(/\n\s+- alert: /).slice(1);
    for (const block of blocks) {
      const name = block.split('\n')[0] ?? '';
      expect(block).toMatch(/\n\s+summary: /);
      expect(block).toMatch(/\n\s+description: /);
      expect(block).toMatch(new RegExp(`runbook: docs/operations.md#${name.toLowerCase()}(\\n|$)`));
    }
  });

  it('every alert has a firing case in alert-rules.test.yml', () => {
    for (const name of ALERTS) expect(ruleTests).toMatch(new RegExp(`alertname: ${name}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('promtool test rules passes every firing and quiet case', async () => {
    const { stdout } = await run(PrometheusPaths.promtool, ['test', 'rules', 'alert-rules.test.yml'], { cwd: __dirname });
    expect(stdout).toContain('SUCCESS');
  });

  it('the scrape configuration filled for a stack is valid and loads the rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oioo-prometheus-'));
    try {
      const file = join(dir, 'prometheus.yml');
      writeFileSync(file, prometheusConfigText(testProfile, { scrapeInterval: '1s' }));
      const { stdout } = await run(PrometheusPaths.promtool, ['check', 'config', file]);
      expect(stdout).toContain(`SUCCESS: ${file} is valid prometheus config file syntax`);
      expect(stdout).toContain(`SUCCESS: ${ALERTS.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
