import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type ReadmissionCaseState,
  decideSelectionUpdate,
  proposeInadmissibilityUpdate,
  proposeRemovalDirectionsUpdate,
  recordAgeAssessmentUpdate,
  recordDetentionUpdate,
  recordScreeningUpdate,
  reviewInadmissibilityUpdate,
  reviewRemovalDirectionsUpdate,
  submitCorrectedRequestUpdate,
} from '@oioo/workflows-readmission';
import { type AgencyContext } from './agency-context';
import { type DeskTemporalClient, caseStateOf } from './desk-temporal-client';

/** The two desk officers: one proposes, the other approves (S1). */
const PROPOSER = 'cw_DESKPROPOSER01';
const APPROVER = 'cw_DESKAPPROVER02';

/** States in which a case waits for a caseworker. */
const WAITING_ON_A_PERSON: ReadmissionCaseState[] = [
  'screening',
  'age-assessment',
  'awaiting-selection',
  'awaiting-detention',
  'inadmissibility-review',
  'inadmissibility-approval',
  'refused-correctable',
  'removal-directions',
  'removal-directions-approval',
];

/**
 * A simulated caseworker desk: finds cases waiting on a person through visibility (the same search
 * attributes a supervisor filters on) and takes the step through the same updates a person would.
 * Command ids derive from the case, its state and its history length, so looking twice at an unchanged
 * case repeats nothing.
 */
export class CaseworkerDesk {
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

  /** One pass over the cases waiting on a person; returns how many steps it took. */
  async sweep(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let taken = 0;
    try {
      const states = WAITING_ON_A_PERSON.map((state) => `'${state}'`).join(', ');
      const query = `CaseKind = 'readmission' AND ExecutionStatus = 'Running' AND OnHold = false AND CaseState IN (${states})`;
      for await (const execution of this.temporal.workflow.list({ query, pageSize: 100 })) {
        const state = caseStateOf(execution) as ReadmissionCaseState | undefined;
        if (state && (await this.takeStep(execution.workflowId, state, execution.historyLength))) taken += 1;
      }
    } catch (error) {
      this.context.logger.warn('desk sweep failed', { error: error instanceof Error ? error.name : 'unknown' });
    } finally {
      this.busy = false;
    }
    return taken;
  }

  private async takeStep(workflowId: string, state: ReadmissionCaseState, historyLength: number): Promise<boolean> {
    const { random, config } = this.context;
    const handle = this.temporal.workflow.getHandle(workflowId);
    // A case can come back to a state (a proposal sent back); the history length tells the visits apart.
    const commandId = `desk:${workflowId}:${state}:${historyLength}`;
    const byProposer = { commandId, actor: PROPOSER };
    const byApprover = { commandId, actor: APPROVER };
    try {
      switch (state) {
        case 'screening': {
          const roll = random.unit('age', workflowId);
          const age = roll < config.SIM_UNACCOMPANIED_MINOR_SHARE ? 'unaccompanied-minor' : roll < config.SIM_UNACCOMPANIED_MINOR_SHARE + config.SIM_DISPUTED_AGE_SHARE ? 'disputed' : 'adult';
          await handle.executeUpdate(recordScreeningUpdate, { args: [{ ...byProposer, age, vulnerabilities: [] }] });
          break;
        }
        case 'age-assessment': {
          const outcome = random.chance(0.8, 'assessed-adult', workflowId) ? 'adult' : 'unaccompanied-minor';
          await handle.executeUpdate(recordAgeAssessmentUpdate, { args: [{ ...byApprover, outcome, assessmentReference: `AA-${workflowId.slice(-8)}` }] });
          break;
        }
        case 'awaiting-selection': {
          const selected = random.chance(config.SIM_SELECTION_SHARE, 'selected', workflowId);
          await handle.executeUpdate(decideSelectionUpdate, { args: [{ ...byProposer, selected, reason: selected ? 'detention capacity available' : 'not selected this week' }] });
          break;
        }
        case 'awaiting-detention':
          await handle.executeUpdate(recordDetentionUpdate, { args: [{ ...byProposer, facility: 'IRC Harmondsworth' }] });
          break;
        case 'inadmissibility-review':
          await handle.executeUpdate(proposeInadmissibilityUpdate, {
            args: [{ ...byProposer, decision: 'inadmissible', reasons: 'arrived directly from France, a safe country', evidence: ['desk:bundle'] }],
          });
          break;
        case 'inadmissibility-approval':
          await handle.executeUpdate(reviewInadmissibilityUpdate, { args: [{ ...byApprover, approve: true, reason: 'agreed' }] });
          break;
        case 'refused-correctable':
          await handle.executeUpdate(submitCorrectedRequestUpdate, { args: [{ ...byProposer, corrections: 'crossing evidence re-sent' }] });
          break;
        case 'removal-directions':
          await handle.executeUpdate(proposeRemovalDirectionsUpdate, { args: [{ ...byProposer, reasons: 'France accepted the request' }] });
          break;
        case 'removal-directions-approval':
          await handle.executeUpdate(reviewRemovalDirectionsUpdate, { args: [{ ...byApprover, approve: true, reason: 'agreed' }] });
          break;
        default:
          return false;
      }
      this.steps.set(state, (this.steps.get(state) ?? 0) + 1);
      return true;
    } catch (error) {
      // Visibility lags a little behind the case: a step that no longer fits is simply not taken.
      if (error instanceof WorkflowUpdateFailedError) return false;
      throw error;
    }
  }
}
