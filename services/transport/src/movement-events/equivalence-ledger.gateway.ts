import { Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { ledgerWorkflowId } from '@oioo/contracts';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type ReadmissionConfirmedInput, readmissionConfirmedSignal } from '@oioo/workflows-equivalence-ledger';
import { TRANSPORT_CONFIG, type TransportConfig } from '../config/transport-config';

/** Tells the pilot's equivalence ledger (`ledger:<PILOT_ID>`) what it counts from the transport side (Q1). */
@Injectable()
export class EquivalenceLedgerGateway {
  private readonly workflowId: string;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TRANSPORT_CONFIG) config: Pick<TransportConfig, 'pilotId'>,
  ) {
    this.workflowId = ledgerWorkflowId(config.pilotId);
  }

  /**
   * Q1: a readmission counts when France confirms the handover. The ledger counts each case once, so
   * sending it again (a redelivered or replayed handover) is harmless. Every error is thrown as it is,
   * a ledger that is not running (`WorkflowNotFoundError`) included: the count must not be lost, so the
   * consumer retries and finally dead-letters the event as `handler-failed`, to be replayed once the
   * ledger runs; it is never a business refusal of the handover.
   */
  async readmissionConfirmed(input: ReadmissionConfirmedInput): Promise<void> {
    await this.temporal.workflow.getHandle(this.workflowId).signal(readmissionConfirmedSignal, input);
  }
}
