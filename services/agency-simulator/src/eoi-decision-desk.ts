import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type EoiCaseState, proposeDecisionUpdate, reviewDecisionUpdate } from '@oioo/workflows-eoi';
import { type AgencyContext } from './agency-context';
import { type DeskTemporalClient, caseStateOf } from './desk-temporal-client';

/** The two entry-clearance officers: one proposes, the other approves (S1). */
export const EOI_PROPOSER = 'cw_EOIPROPOSER03';
export const EOI_APPROVER = 'cw_EOIAPPROVER04';

/** States in which an EOI case waits for a decision-maker. */
const WAITING_ON_A_DECISION: EoiCaseState[] = ['decision', 'decision-approval'];

/** The visibility query of the desk: running EOI cases waiting for a decision or its approval. */
export const EOI_DESK_QUERY = `CaseKind = 'eoi' AND ExecutionStatus = 'Running' AND CaseState IN (${WAITING_ON_A_DECISION.map((state) => `'${state}'`).join(', ')})`;

/**
 * A simulated decision desk for the legal route (E7, S1): finds EOI cases waiting for a decision through
 * visibility, proposes a grant (or, for a small configured share, a refusal) as one officer, and approves
 * the proposal as a different officer. Command ids derive from the case, its state and its history length,
 * so a fresh step gets a fresh id while looking twice at an unchanged case repeats nothing.
 */
export class EoiDecisionDesk {
  private timer?: NodeJS.Timeout;
  private busy = false;
  /** Steps taken, by state, for the run's summary. */
  readonly steps = new Map<string, number>();

  constructor(
    private readonly context: AgencyContext,
    private readonly temporal: DeskTemporalClient,
  ) {}

  /** Looks for work every SIM_DESK_POLL_MS until stopped. */
  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.context.config.SIM_DESK_POLL_MS);
  }

  /** Stops looking for work. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over the EOI cases waiting for a decision; returns how many steps it took. */
  async sweep(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let taken = 0;
    try {
      for await (const execution of this.temporal.workflow.list({ query: EOI_DESK_QUERY, pageSize: 100 })) {
        const state = caseStateOf(execution);
        if (state && (await this.takeStep(execution.workflowId, state, execution.historyLength))) taken += 1;
      }
    } catch (error) {
      this.context.logger.warn('eoi desk sweep failed', { error: error instanceof Error ? error.name : 'unknown' });
    } finally {
      this.busy = false;
    }
    return taken;
  }

  private async takeStep(workflowId: string, state: string, historyLength: number): Promise<boolean> {
    const { random, config } = this.context;
    const handle = this.temporal.workflow.getHandle(workflowId);
    const commandId = `eoi-desk:${workflowId}:${state}:${historyLength}`;
    try {
      if (state === 'decision') {
        const refuse = random.chance(config.SIM_EOI_DECISION_REFUSE_SHARE, 'eoi-decision-refuse', workflowId);
        await handle.executeUpdate(proposeDecisionUpdate, {
          args: [
            {
              commandId,
              actor: EOI_PROPOSER,
              decision: refuse ? 'refuse' : 'grant',
              reasons: refuse
                ? 'suitability: not satisfied on the balance of probabilities that the identity claimed is genuine'
                : 'eligible (E3); no register match (E4); biometrics and security checks clear (E7)',
              evidence: ['desk:eoi-bundle'],
            },
          ],
        });
      } else if (state === 'decision-approval') {
        // S1: the approval comes from a different officer than the proposal.
        await handle.executeUpdate(reviewDecisionUpdate, { args: [{ commandId, actor: EOI_APPROVER, approve: true, reason: 'agreed' }] });
      } else {
        return false;
      }
      this.steps.set(state, (this.steps.get(state) ?? 0) + 1);
      return true;
    } catch (error) {
      // Visibility lags a little behind the case: a step that no longer fits is simply not taken.
      if (error instanceof WorkflowUpdateFailedError) return false;
      this.context.logger.warn('eoi desk step failed', { workflowId, state, error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }
}
