/** Where the command writes: results to `line` (stdout), progress and hints to `progress` (stderr), so results can be piped. */
export interface OpsOutput {
  line(text: string): void;
  progress(text: string): void;
}

/** Output to the process's stdout and stderr. */
export const consoleOutput: OpsOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  progress: (text) => process.stderr.write(`${text}\n`),
};

/** Rows as aligned columns under a header; an empty list says so instead of printing a bare header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], empty = '(none)'): string[] {
  if (rows.length === 0) return [empty];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)];
}

/** A duration for people: `45 s`, `12 min`, `3.5 h`, `2.0 d`. */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 120_000) return `${Math.round(ms / 1000)} s`;
  if (abs < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (abs < 172_800_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
