import { type WorkloadAction } from '../workload';
import { type ActionOutcome } from './run-workload';

/** Counters of a run, written to stderr every few seconds: actions done, in flight, skipped, refused, errors and the rate. */
export class RunProgress {
  private readonly counts = { started: 0, done: 0, skipped: 0, refused: 0, errors: 0, fuzzed: 0, fuzzErrors: 0 };
  private readonly startedAt = Date.now();
  private timer?: NodeJS.Timeout;
  /** The first few errors, kept for the end-of-run summary (harness messages: no personal data). */
  readonly errors: string[] = [];

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  /** Prints a line every `everyMs` until stopped. */
  start(everyMs = 5_000): void {
    this.timer = setInterval(() => this.write(this.line()), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.write(this.line());
  }

  started(): void {
    this.counts.started += 1;
  }

  finished(outcome: ActionOutcome): void {
    this.counts[outcome] += 1;
  }

  failed(action: WorkloadAction, error: unknown): void {
    this.counts.errors += 1;
    if (this.errors.length >= 20) return;
    const line = `${action.kind} ${action.step} of ${action.flow.kind} ${action.flow.id}: ${(error as Error)?.message ?? String(error)}`;
    this.errors.push(line);
    this.write(`[chaos] error: ${line}`);
  }

  fuzzed(): void {
    this.counts.fuzzed += 1;
  }

  /** A fuzzed event the broker never acknowledged, after retries: a driver error, outside the actions' counts. */
  fuzzFailed(mutation: string, error: unknown): void {
    this.counts.fuzzErrors += 1;
    if (this.errors.length >= 20) return;
    const line = `fuzz ${mutation}: ${(error as Error)?.message ?? String(error)}`;
    this.errors.push(line);
    this.write(`[chaos] error: ${line}`);
  }

  /** A snapshot of the counters. */
  snapshot(): Readonly<typeof this.counts> & { inFlight: number } {
    const { started, done, skipped, refused, errors } = this.counts;
    return { ...this.counts, inFlight: started - done - skipped - refused - errors };
  }

  private line(): string {
    const now = this.snapshot();
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (now.done / seconds).toFixed(1) : '0';
    return `[chaos] ${seconds.toFixed(0)}s: ${now.done} done, ${now.inFlight} in flight, ${now.skipped} skipped, ${now.refused} refused, ${now.errors} errors, ${now.fuzzed} fuzzed${now.fuzzErrors > 0 ? ` (${now.fuzzErrors} not acknowledged)` : ''}, ${rate} actions/s`;
  }
}
