import { type Client } from '@temporalio/client';
import { SearchAttributes, eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import { type ActionFlow } from '../workload';

/** What a case's workflow says of itself without running any of its code. */
interface CaseStatus {
  /** The state the case last published (`CaseState`), or undefined before its first workflow task. */
  state: string | undefined;
  running: boolean;
}

/**
 * Reads a case's state from the `CaseState` search attribute its workflow publishes, so a step is taken only
 * once the case is ready for it. A describe is answered by the server from the workflow's mutable state; a
 * query would be dispatched to a worker, which replays the whole history of a case it no longer caches, and
 * thousands of waiting steps made queries a large share of a long run's load.
 */
export class CaseStates {
  constructor(private readonly temporal: Client) {}

  /** The case's current state, or undefined while its workflow does not exist or cannot be reached. */
  async stateOf(flow: ActionFlow): Promise<string | undefined> {
    return (await this.statusOf(flow))?.state;
  }

  /**
   * Waits until the case is in `state`; false when it is not within `timeoutMs` or has ended (the case went
   * another way, or the platform is down). Polls at `pollMs`, then less and less often up to `maxPollMs`, so
   * many waiting steps do not add much to an overloaded server.
   */
  async waitFor(flow: ActionFlow, state: string, timeoutMs: number, pollMs = 250, maxPollMs = 3_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delayMs = pollMs; ; delayMs = Math.min(maxPollMs, Math.round(delayMs * 1.5))) {
      const status = await this.statusOf(flow);
      if (status?.state === state) return true;
      // An ended case never reaches another state: no need to wait out the limit.
      if (status && !status.running) return false;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  /** Whether the case's workflow has ended (false while it runs, does not exist yet or cannot be reached). */
  async hasEnded(flow: ActionFlow): Promise<boolean> {
    const status = await this.statusOf(flow);
    return status !== undefined && !status.running;
  }

  private async statusOf(flow: ActionFlow): Promise<CaseStatus | undefined> {
    const workflowId = flow.kind === 'eoi' ? eoiWorkflowId(flow.id) : readmissionWorkflowId(flow.id);
    try {
      const description = await this.temporal.workflow.getHandle(workflowId).describe();
      return { state: description.typedSearchAttributes.get(SearchAttributes.caseState), running: description.status.name === 'RUNNING' };
    } catch {
      return undefined;
    }
  }
}
