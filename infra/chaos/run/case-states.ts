import { type Client } from '@temporalio/client';
import { eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { eoiCaseViewQuery } from '@oioo/workflows-eoi';
import { caseViewQuery } from '@oioo/workflows-readmission';
import { type ActionFlow } from '../workload';

/** Reads a case's state from its workflow (a query: it changes nothing), so a step is taken only once the case is ready for it. */
export class CaseStates {
  constructor(private readonly temporal: Client) {}

  /** The case's current state, or undefined while its workflow does not exist or cannot answer. */
  async stateOf(flow: ActionFlow): Promise<string | undefined> {
    try {
      if (flow.kind === 'eoi') return (await this.temporal.workflow.getHandle(eoiWorkflowId(flow.id)).query(eoiCaseViewQuery)).state;
      return (await this.temporal.workflow.getHandle(readmissionWorkflowId(flow.id)).query(caseViewQuery)).state;
    } catch {
      return undefined;
    }
  }

  /**
   * Waits until the case is in `state`; false when it is not within `timeoutMs` or has ended (the case went
   * another way, or the platform is down). Polls at `pollMs`, then less and less often up to `maxPollMs`: a
   * query costs the server and a worker, and under overload many waiting steps polling fast would add to it.
   */
  async waitFor(flow: ActionFlow, state: string, timeoutMs: number, pollMs = 250, maxPollMs = 3_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let poll = 1, delayMs = pollMs; ; poll += 1, delayMs = Math.min(maxPollMs, Math.round(delayMs * 1.5))) {
      if ((await this.stateOf(flow)) === state) return true;
      if (Date.now() >= deadline) return false;
      // An ended case never reaches another state: no need to wait out the limit (checked now and then, it costs a call).
      if (poll % 5 === 0 && (await this.hasEnded(flow))) return false;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  private async hasEnded(flow: ActionFlow): Promise<boolean> {
    try {
      const description = await this.temporal.workflow.getHandle(flow.kind === 'eoi' ? eoiWorkflowId(flow.id) : readmissionWorkflowId(flow.id)).describe();
      return description.status.name !== 'RUNNING';
    } catch {
      return false;
    }
  }
}
