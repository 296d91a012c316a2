import { Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { eoiWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventRejectedError } from '@oioo/kafka';
import { TEMPORAL_CLIENT, callRunningWorkflow, executeWorkflowUpdate } from '@oioo/temporal';
import { type EoiCaseState, type RecordArrivalInput, eoiCaseViewQuery, recordArrivalUpdate } from '@oioo/workflows-eoi';

/** What the EOI case made of an arrival: taken now, or taken before by a case that has since ended. */
export type ArrivalForwardResult = { kind: 'accepted'; state: EoiCaseState } | { kind: 'already-arrived'; state: EoiCaseState };

/**
 * Forwards Border Force's arrivals to EOI case workflows (`eoi:<eoiId>`) as the `recordArrival` update
 * (E8). The workflow's refusal (an arrival no grant covers, say) and an EOI with no workflow cannot be
 * helped by retrying: both become {@link EventRejectedError}, so the event is dead-lettered at once with
 * the reason. Anything else (Temporal unreachable) is thrown as it is, and the consumer retries.
 */
@Injectable()
export class EoiWorkflowGateway {
  private readonly logger = createLogger('transport').child({ feature: 'eoi-workflow' });

  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /** E8: the arrival, with the border event's id as command id, so a redelivery gets the first result and counts once. */
  async recordArrival(eoiId: string, input: RecordArrivalInput): Promise<ArrivalForwardResult> {
    const outcome = await executeWorkflowUpdate(this.temporal.workflow.getHandle(eoiWorkflowId(eoiId)), recordArrivalUpdate, input);
    if (outcome.kind === 'accepted') return { kind: 'accepted', state: outcome.result.state };
    if (outcome.kind === 'refused') {
      this.logger.warn('EOI case refused an arrival', { eoiId, code: outcome.code ?? 'unknown', commandId: input.commandId });
      throw new EventRejectedError(outcome.reason);
    }
    return this.whyNotRunning(eoiId, input.personId);
  }

  /**
   * An EOI case that takes no updates has either ended (its last view still answers queries) or never
   * existed. An ended case that already has this person's arrival took it before (the last arrival ends
   * the case, E8), so a late copy of that event is not an error; anything else is refused.
   */
  private async whyNotRunning(eoiId: string, personId: string): Promise<ArrivalForwardResult> {
    const workflowId = eoiWorkflowId(eoiId);
    const lastView = await callRunningWorkflow(() => this.temporal.workflow.getHandle(workflowId).query(eoiCaseViewQuery));
    if (lastView.kind === 'not-running') throw new EventRejectedError(`unknown EOI: there is no EOI case workflow ${workflowId}`);
    const view = lastView.result;
    if (view.people.some((person) => person.personId === personId && person.arrivedAt !== undefined)) return { kind: 'already-arrived', state: view.state };
    throw new EventRejectedError(`the EOI case ${workflowId} has ended (${view.state}) and takes no arrival`);
  }
}
