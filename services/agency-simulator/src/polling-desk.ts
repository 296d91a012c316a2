import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type AgencyContext } from './agency-context';
import { type DeskTemporalClient, caseStateOf } from './desk-temporal-client';

/**
 * A simulated desk of people: every SIM_DESK_POLL_MS it finds the cases waiting on them through
 * visibility (the same search attributes a supervisor filters on) and takes one step on each through
 * the updates a person would use. Subclasses say which cases (`query`) and what step (`act`).
 */
export abstract class PollingDesk {
  private timer?: NodeJS.Timeout;
  private busy = false;
  /** Steps taken, by state, for the run's summary. */
  readonly steps = new Map<string, number>();

  constructor(
    protected readonly context: AgencyContext,
    protected readonly temporal: DeskTemporalClient,
    private readonly name: string,
  ) {}

  /** The visibility query of the cases this desk works on. */
  protected abstract readonly query: string;

  /**
   * Takes the step a case in `state` waits for, with `commandId`; false when the state is not this desk's.
   * The command id derives from the case, its state and its history length: a case that comes back to a
   * state (a proposal sent back) gets a fresh id, while looking twice at an unchanged case repeats nothing.
   */
  protected abstract act(workflowId: string, state: string, commandId: string): Promise<boolean>;

  /** Looks for work every SIM_DESK_POLL_MS until stopped. */
  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.context.config.SIM_DESK_POLL_MS);
  }

  /** Stops looking for work. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the cases waiting on this desk; returns how many steps it took. */
  async sweep(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let taken = 0;
    try {
      for await (const execution of this.temporal.workflow.list({ query: this.query, pageSize: 100 })) {
        const state = caseStateOf(execution);
        if (!state || this.leftForPeople(execution.workflowId)) continue;
        if (await this.takeStep(execution.workflowId, state, execution.historyLength)) taken += 1;
      }
    } catch (error) {
      this.context.logger.warn(`${this.name} sweep failed`, { error: error instanceof Error ? error.name : 'unknown' });
    } finally {
      this.busy = false;
    }
    return taken;
  }

  /** True for the share of cases (SIM_LEFT_FOR_PEOPLE_SHARE, chosen by case) the desk leaves to people signed in to the console. */
  leftForPeople(workflowId: string): boolean {
    return this.context.random.chance(this.context.config.SIM_LEFT_FOR_PEOPLE_SHARE, 'left-for-people', workflowId);
  }

  private async takeStep(workflowId: string, state: string, historyLength: number): Promise<boolean> {
    try {
      const taken = await this.act(workflowId, state, `${this.name}:${workflowId}:${state}:${historyLength}`);
      if (taken) this.steps.set(state, (this.steps.get(state) ?? 0) + 1);
      return taken;
    } catch (error) {
      // Visibility lags a little behind the case: a step that no longer fits is simply not taken.
      if (error instanceof WorkflowUpdateFailedError) return false;
      this.context.logger.warn(`${this.name} step failed`, { workflowId, state, error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }
}
