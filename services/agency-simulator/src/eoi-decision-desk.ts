import { type EoiCaseState, proposeDecisionUpdate, reviewDecisionUpdate } from '@oioo/workflows-eoi';
import { type AgencyContext } from './agency-context';
import { type DeskTemporalClient } from './desk-temporal-client';
import { PollingDesk } from './polling-desk';

/** The two entry-clearance officers: one proposes, the other approves (S1). */
export const EOI_PROPOSER = 'cw_EOIPROPOSER03';
export const EOI_APPROVER = 'cw_EOIAPPROVER04';

/** States in which an EOI case waits for a decision-maker. */
const WAITING_ON_A_DECISION: EoiCaseState[] = ['decision', 'decision-approval'];

/** The visibility query of the desk: running EOI cases waiting for a decision or its approval. */
export const EOI_DESK_QUERY = `CaseKind = 'eoi' AND ExecutionStatus = 'Running' AND CaseState IN (${WAITING_ON_A_DECISION.map((state) => `'${state}'`).join(', ')})`;

/**
 * A simulated decision desk for the legal route (E7, S1): proposes a grant (or, for a small configured
 * share, a refusal) as one officer, and approves the proposal as a different officer.
 */
export class EoiDecisionDesk extends PollingDesk {
  protected readonly query = EOI_DESK_QUERY;

  constructor(context: AgencyContext, temporal: DeskTemporalClient) {
    super(context, temporal, 'eoi-desk');
  }

  protected async act(workflowId: string, state: string, commandId: string): Promise<boolean> {
    const { random, config } = this.context;
    const handle = this.temporal.workflow.getHandle(workflowId);
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
    return true;
  }
}
