import { type Client } from '@temporalio/client';
import { ledgerWorkflowId } from '@oioo/contracts';
import { balanceQuery } from '@oioo/workflows-equivalence-ledger';
import { type LedgerStep } from '../history';

/**
 * Polls the ledger's `balance` query during the run and keeps each change of its figures as a step of the
 * ledger's history, so Q2 is checked at every balance the ledger reached while it was observed, not only
 * at the end. A change between two polls that was undone before the next one is not seen: the poll interval
 * bounds what the history can prove.
 */
export class LedgerWatch {
  readonly steps: LedgerStep[] = [];
  /** Polls the ledger did not answer, and why the last one failed: a fault explains a few, never a long run of them. */
  failedPolls = 0;
  lastFailure?: string;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(
    private readonly client: Client,
    readonly pilotId: string,
  ) {}

  start(everyMs = 1_000): void {
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, everyMs);
    this.timer.unref();
  }

  /** Stops polling after one last reading. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    await this.poll();
  }

  private async poll(): Promise<void> {
    try {
      const balance = await this.client.workflow.getHandle(ledgerWorkflowId(this.pilotId)).query(balanceQuery);
      const last = this.steps[this.steps.length - 1];
      const figures = { readmissions: balance.readmissions, admissions: balance.admissions, grantsOutstanding: balance.grantsOutstanding, tolerance: balance.tolerance };
      if (last && last.readmissions === figures.readmissions && last.admissions === figures.admissions && last.grantsOutstanding === figures.grantsOutstanding && last.tolerance === figures.tolerance) return;
      this.steps.push({ step: this.steps.length + 1, at: new Date().toISOString(), ...figures });
    } catch (error) {
      // The ledger may be unreachable while a fault is injected; the next poll reads it again.
      this.failedPolls += 1;
      this.lastFailure = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]?.slice(0, 200);
    }
  }
}
