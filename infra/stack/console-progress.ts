/** Prints one line of progress, prefixed with the component it concerns. */
export function say(scope: string, message: string): void {
  process.stdout.write(`[${scope}] ${message}\n`);
}

/** Runs a step, printing when it starts and how long it took, so long first-run work shows progress. */
export async function step<T>(scope: string, title: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  say(scope, `${title} ...`);
  // A heartbeat, so a slow first download never looks like a hang.
  const heartbeat = setInterval(() => say(scope, `${title}: still working (${seconds(Date.now() - started)})`), 15_000);
  try {
    const result = await work();
    say(scope, `${title}: done in ${seconds(Date.now() - started)}`);
    return result;
  } finally {
    clearInterval(heartbeat);
  }
}

/** A duration in seconds with one decimal. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A failure the user can act on: what failed and how to fix it, without a stack trace. */
export class StackError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'StackError';
  }
}

/** Prints a failure for the user: a StackError as what failed and how to fix it, anything else with its stack. */
export function reportFailure(error: unknown): void {
  if (error instanceof StackError) process.stderr.write(`\n✖ ${error.message}\n  → ${error.hint}\n\n`);
  else process.stderr.write(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
}

/** Runs a script that ends on its own and exits with its code; a failure is reported, then `afterFailure` (a closing line) runs, and the exit code is 1. */
export function exitWith(main: () => Promise<number>, afterFailure?: () => void): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      reportFailure(error);
      afterFailure?.();
      process.exit(1);
    },
  );
}
