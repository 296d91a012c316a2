import { Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { eoiWorkflowId } from '@oioo/contracts';
import { EventRejectedError } from '@oioo/kafka';
import { TEMPORAL_CLIENT, callRunningWorkflow } from '@oioo/temporal';
import { type SecurityCheckCompletedSignalInput, securityCheckCompletedSignal } from '@oioo/workflows-eoi';

/**
 * Passes the security services' results to EOI case workflows (`eoi:<eoiId>`). An EOI with no running
 * workflow (never opened, or already ended) cannot be helped by retrying: that becomes
 * {@link EventRejectedError}, so the event is dead-lettered at once with the reason. Anything else
 * (Temporal unreachable) is thrown as it is, and the consumer retries.
 */
@Injectable()
export class EoiWorkflowGateway {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /** E7: one person's result; the workflow ignores an event id it has already applied. */
  async securityCheckCompleted(eoiId: string, input: SecurityCheckCompletedSignalInput): Promise<void> {
    const workflowId = eoiWorkflowId(eoiId);
    const outcome = await callRunningWorkflow(() => this.temporal.workflow.getHandle(workflowId).signal(securityCheckCompletedSignal, input));
    if (outcome.kind === 'not-running') throw new EventRejectedError(`unknown EOI: no running EOI case ${workflowId} (never opened, or already ended)`);
  }
}
