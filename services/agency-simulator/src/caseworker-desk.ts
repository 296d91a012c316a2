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
import { type DeskTemporalClient } from './desk-temporal-client';
import { PollingDesk } from './polling-desk';

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

/** The visibility query of the desk: running readmission cases, not on hold, waiting on a person. */
const CASEWORKER_DESK_QUERY = `CaseKind = 'readmission' AND ExecutionStatus = 'Running' AND OnHold = false AND CaseState IN (${WAITING_ON_A_PERSON.map((state) => `'${state}'`).join(', ')})`;

/** A simulated caseworker desk for readmission cases: screening to removal directions, each S1 step by two people. */
export class CaseworkerDesk extends PollingDesk {
  protected readonly query = CASEWORKER_DESK_QUERY;

  constructor(context: AgencyContext, temporal: DeskTemporalClient) {
    super(context, temporal, 'desk');
  }

  protected async act(workflowId: string, state: string, commandId: string): Promise<boolean> {
    const { random, config } = this.context;
    const handle = this.temporal.workflow.getHandle(workflowId);
    const byProposer = { commandId, actor: PROPOSER };
    const byApprover = { commandId, actor: APPROVER };
    switch (state as ReadmissionCaseState) {
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
    return true;
  }
}
