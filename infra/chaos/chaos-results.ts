import { seconds } from '../stack/console-progress';
import { type ClusterChaosResult } from './cluster-chaos-run';

/** What {@link formatChaosResults} writes up. */
export interface ChaosResultsInput {
  result: ClusterChaosResult;
  commit: string;
  /** The run's settings, as the command parsed them. */
  arguments: Record<string, string | number | undefined>;
  /** The command line that replays the run, its seed included. */
  command: string;
  /** When the results were written (default now). */
  writtenAt?: Date;
}

/**
 * A chaos run's results as Markdown, for `test/results/` or `bench/results/`: the verdict, the settings and
 * seed, how long each part took, the driver's counters, the fault table, the invariant table and the faults as
 * planned, in order. Ids only: a history holds no personal data, so neither does this.
 */
export function formatChaosResults(input: ChaosResultsInput): string {
  const { result } = input;
  const { check, run, plan, timings } = result;
  const passed = chaosRunPassed(result);
  const lines = [
    `# Chaos run ${check.runId ?? ''}: ${passed ? 'PASS' : 'FAIL'}`,
    '',
    `- Written ${(input.writtenAt ?? new Date()).toISOString()} at commit \`${input.commit}\`; seed ${check.seed ?? '?'}; replay with \`${input.command}\`.`,
    `- Settings: ${Object.entries(input.arguments)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}.`,
    `- Cluster start ${seconds(timings.clusterStartMs)}, run ${seconds(timings.runMs)} (load, faults, settle, final state), check ${seconds(timings.checkMs)}; ${check.records} history records.`,
    `- Driver: ${run.progress.done} actions done, ${run.progress.skipped} skipped (the case went another way), ${run.progress.refused} refused, ${run.progress.errors} errors, ${run.progress.fuzzed} fuzzed events${run.progress.fuzzErrors > 0 ? ` (${run.progress.fuzzErrors} more never acknowledged by the broker)` : ''}.`,
    `- Consumer lag ${run.lagReturnedToZero ? 'returned to zero' : 'had NOT returned to zero'} before the final state; ${run.queryFailures.length} case queries failed to replay; ${result.unexpectedExits.length} processes exited on their own${result.unexpectedExits.length > 0 ? `: ${result.unexpectedExits.join('; ')}` : ''}.`,
    `- The workers reset ${result.divergedTaskResets} ledger task${result.divergedTaskResets === 1 ? '' : 's'} that diverged on replay (docs/operations.md, WorkflowNonDeterminism); each reset is in the ledger's history, which the checker read.`,
    '',
    '## Faults',
    '',
    '| Fault | Injected | Healed |',
    '| --- | ---: | ---: |',
    ...check.faults.map((row) => `| ${row.kind} | ${row.injected} | ${row.healed} |`),
    `| **all** | **${sum(check.faults.map((row) => row.injected))}** | **${sum(check.faults.map((row) => row.healed))}** |`,
    '',
    '## Invariants',
    '',
    '| Invariant | Rule | Violations | First example |',
    '| --- | --- | ---: | --- |',
    ...check.invariants.map((invariant) => `| ${invariant.id} | ${invariant.rule ?? ''} | ${invariant.violations} | ${escapeCell(invariant.examples[0] ?? '')} |`),
    '',
    `**${passed ? 'PASS' : 'FAIL'}**: ${check.violations} violations in ${check.records} records.`,
    '',
    '## The nemesis plan',
    '',
    '| At (s) | Fault | Target | Lasts (s) |',
    '| ---: | --- | --- | ---: |',
    ...plan.faults.map((fault) => `| ${(fault.atMs / 1000).toFixed(1)} | ${fault.kind} | ${fault.target} | ${(fault.healAfterMs / 1000).toFixed(1)} |`),
    '',
    'A kill lasts its pause plus the restart until healthy; a fault waits for the one before it in its lane (kills, network faults) to heal.',
    '',
  ];
  for (const error of run.errors.slice(0, 20)) lines.push(`- driver error: ${escapeCell(error)}`);
  return `${lines.join('\n')}\n`;
}

/** A run passes when the checker finds nothing, every case's own query answers, and no process crashed on its own. */
export function chaosRunPassed(result: ClusterChaosResult): boolean {
  return result.check.violations === 0 && result.run.queryFailures.length === 0 && result.unexpectedExits.length === 0;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
