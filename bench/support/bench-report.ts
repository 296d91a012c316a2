// What every results file states first: the machine, and how busy it was.
import { cpus, loadavg, totalmem } from 'node:os';

/** A progress line, as the stack's scripts print them. */
export function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

/** The machine and the run, for the first line of a results file. */
export function machineLine(): string {
  return `${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The 1-minute load average now, to 1 decimal: the machine is shared, so each series notes it. */
export function loadNow(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

/** The median of some samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs `main`, printing the chain of causes of a failure and setting the exit code. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const causes: string[] = [];
    for (let cause: unknown = error; cause; cause = cause instanceof Error ? cause.cause : undefined) causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
    process.stderr.write(`\n✖ the benchmark failed: ${causes.join('\n  caused by ')}\n`);
    process.exitCode = 1;
  });
}
