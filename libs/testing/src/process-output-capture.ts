/** What a capture of the process's output holds so far, line by line. */
export interface CapturedOutput {
  /** Every complete line written to stdout or stderr since the capture started. */
  lines(): string[];
  /** Puts the process's own writers back; the lines stay readable. */
  stop(): void;
}

/**
 * Test support only: records every line this process writes to stdout and stderr (the services' and the worker's
 * JSON logs when they run in-process, and any framework's text), still passing it through to the terminal.
 * Output written by native code straight to the file descriptors (Temporal's core) is not seen.
 */
export function captureProcessOutput(): CapturedOutput {
  const lines: string[] = [];
  const partial = { stdout: '', stderr: '' };
  const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  const hook = (name: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = partial[name] + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const complete = text.split('\n');
      partial[name] = complete.pop() ?? '';
      lines.push(...complete);
      return (originals[name] as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = hook('stdout');
  process.stderr.write = hook('stderr');
  return {
    lines: () => [...lines, ...[partial.stdout, partial.stderr].filter((rest) => rest.length > 0)],
    stop: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}
