import type { CheckResult } from './history-checker';

/** Lays rows out in columns padded to their widest cell; columns listed in `right` are right-aligned (numbers). */
export function alignedTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The report as text: the seed, the faults by kind, each invariant with its violations and an example, the kept examples of failing ones, the verdict. */
export function formatReport(result: CheckResult): string {
  const faults = alignedTable(
    ['Fault', 'Injected', 'Healed'],
    result.faults.map((row) => [row.kind, String(row.injected), String(row.healed)]),
    new Set([1, 2]),
  );
  const invariants = alignedTable(
    ['Invariant', 'Rule', 'Violations', 'Example'],
    result.invariants.map((invariant) => [invariant.id, invariant.rule ?? '', String(invariant.violations), invariant.examples[0] ?? '']),
    new Set([2]),
  );
  const failing = result.invariants.filter((invariant) => invariant.violations > 0);
  const verdict =
    result.violations === 0
      ? `PASS: no violation in ${result.records} records`
      : `FAIL: ${result.violations} violations of ${failing.length} invariants (${failing.map((invariant) => invariant.id).join(', ')})`;
  const examples = failing.flatMap((invariant) => [`${invariant.id} (${invariant.violations}):`, ...invariant.examples.map((example) => `  ${example}`)]);
  return [`Run ${result.runId ?? '(unknown)'}, seed ${result.seed ?? '(unknown)'}`, '', faults, '', invariants, '', ...(examples.length > 0 ? [...examples, ''] : []), verdict, ''].join('\n');
}

/** Prints the report (to stdout unless told otherwise). */
export function printReport(result: CheckResult, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  write(formatReport(result));
}
