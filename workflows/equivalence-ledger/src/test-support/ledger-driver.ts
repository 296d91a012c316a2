import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import type { IsoWeek, LedgerPolicy } from '@oioo/domain';
import { queryAnswered, workflowSettled } from '@oioo/testing';
import {
  type LedgerBalanceView,
  admissionRecordedUpdate,
  balanceQuery,
  grantLapsedSignal,
  grantRevokedSignal,
  noticeOfTerminationUpdate,
  pauseUpdate,
  readmissionConfirmedSignal,
  requestPlacesUpdate,
  resumeUpdate,
  weeklyReportQuery,
} from '../definitions';
import { equivalenceLedgerWorkflow } from '../equivalence-ledger.workflow';
import { eoiWorkflowId, ledgerWorkflowId } from '@oioo/contracts';
import { receivedReleasesQuery, stubEoiWorkflow } from './ledger-test-workflows';

/** The task queue the ledger tests run on (the ledger's own queue belongs in TaskQueues once it has one). */
export const LEDGER_TEST_TASK_QUEUE = 'oioo-equivalence-test';

/** Two different authorised people (Q4). */
export const SUPERVISOR = 'cw_SUPERVISOR01';
export const OTHER_SUPERVISOR = 'cw_SUPERVISOR02';

let sequence = 0;

/** A fresh opaque id of a kind, so tests never collide on a shared server. */
export function nextId(prefix: 'pilot' | 'eoi' | 'case' | 'per'): string {
  sequence += 1;
  return `${prefix}_T${Date.now().toString(36).toUpperCase()}${String(sequence).padStart(6, '0')}`;
}

/** A command id for one update. */
export function commandId(): string {
  return randomUUID();
}

/** A pilot's ledger, driven as the transport service, the EOI cases and a supervisor would. */
export class LedgerDriver {
  constructor(
    readonly client: Client,
    readonly handle: WorkflowHandle<typeof equivalenceLedgerWorkflow>,
    readonly pilotId: string,
  ) {}

  /** Starts a pilot's ledger under its deterministic workflow ID. */
  static async open(client: Client, options: { policy?: Partial<LedgerPolicy>; historyEventsLimit?: number; taskQueue?: string } = {}): Promise<LedgerDriver> {
    const pilotId = nextId('pilot');
    const handle = await client.workflow.start(equivalenceLedgerWorkflow, {
      taskQueue: options.taskQueue ?? LEDGER_TEST_TASK_QUEUE,
      workflowId: ledgerWorkflowId(pilotId),
      args: [{ pilotId, ...(options.policy ? { policy: options.policy } : {}), ...(options.historyEventsLimit ? { historyEventsLimit: options.historyEventsLimit } : {}) }],
    });
    return new LedgerDriver(client, handle, pilotId);
  }

  balance(): Promise<LedgerBalanceView> {
    return queryAnswered(this.client, () => this.handle.query(balanceQuery));
  }

  weeklyReport(isoWeek: IsoWeek) {
    return queryAnswered(this.client, () => this.handle.query(weeklyReportQuery, isoWeek));
  }

  /** France confirms `count` handovers of new cases (Q1), as the transport service forwards them. */
  async confirmReadmissions(count: number, confirmedAt = new Date()): Promise<string[]> {
    const caseIds = Array.from({ length: count }, () => nextId('case'));
    for (const caseId of caseIds) await this.handle.signal(readmissionConfirmedSignal, { caseId, confirmedAt: confirmedAt.toISOString() });
    return caseIds;
  }

  /** Places for an EOI (E6), as its case asks for them. */
  requestPlaces(eoiId: string, people = 1, options: { commandId?: string; submittedAt?: Date; nationalities?: string[]; ukLinkWithin5Years?: boolean } = {}) {
    return this.handle.executeUpdate(requestPlacesUpdate, {
      args: [
        {
          commandId: options.commandId ?? commandId(),
          eoiId,
          people,
          submittedAt: (options.submittedAt ?? new Date()).toISOString(),
          nationalities: options.nationalities ?? ['SDN'],
          ukLinkWithin5Years: options.ukLinkWithin5Years ?? false,
        },
      ],
    });
  }

  /** A person arrives under the EOI's grant (E8). */
  admit(eoiId: string, personId = nextId('per'), id = commandId()) {
    return this.handle.executeUpdate(admissionRecordedUpdate, { args: [{ commandId: id, eoiId, personId, arrivedAt: new Date().toISOString() }] });
  }

  lapse(eoiId: string) {
    return this.handle.signal(grantLapsedSignal, { eoiId });
  }

  revoke(eoiId: string, reason = 'suitability') {
    return this.handle.signal(grantRevokedSignal, { eoiId, reason });
  }

  pause(actor = SUPERVISOR, reason = 'joint committee review') {
    return this.handle.executeUpdate(pauseUpdate, { args: [{ commandId: commandId(), actor, reason }] });
  }

  resume(actor = OTHER_SUPERVISOR, reason = 'review done') {
    return this.handle.executeUpdate(resumeUpdate, { args: [{ commandId: commandId(), actor, reason }] });
  }

  notice(givenAt: Date, actor = SUPERVISOR) {
    return this.handle.executeUpdate(noticeOfTerminationUpdate, { args: [{ commandId: commandId(), actor, givenAt: givenAt.toISOString(), reason: 'notice given by France' }] });
  }

  /** Starts the stand-in EOI workflow that receives the ledger's notice for an EOI. */
  startEoi(eoiId: string): Promise<WorkflowHandle<typeof stubEoiWorkflow>> {
    return this.client.workflow.start(stubEoiWorkflow, { taskQueue: LEDGER_TEST_TASK_QUEUE, workflowId: eoiWorkflowId(eoiId), args: [{ eoiId }] });
  }

  /** What a stand-in EOI workflow has been told so far. */
  received(eoi: WorkflowHandle<typeof stubEoiWorkflow>) {
    return queryAnswered(this.client, () => eoi.query(receivedReleasesQuery));
  }

  /**
   * Waits until the ledger's current run has finished reacting (no workflow task in flight, no news tick
   * pending), so a query never races a continue-as-new (the Java test server leaves such a query unanswered).
   */
  settled(timeoutMs = 20_000): Promise<void> {
    return workflowSettled(this.client, this.handle.workflowId, timeoutMs);
  }

  /** Ends a test's ledger once it has settled (see workflowSettled). */
  async finish(): Promise<void> {
    await this.settled();
    await this.handle.terminate('test finished');
  }

  /** Polls the balance until it satisfies the test (the workflow acts on its own between steps). */
  async waitForBalance(satisfied: (balance: LedgerBalanceView) => boolean, timeoutMs = 20_000): Promise<LedgerBalanceView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const balance = await this.balance();
      if (satisfied(balance)) return balance;
      if (Date.now() > deadline) throw new Error(`ledger ${this.pilotId} never reached the expected balance: ${JSON.stringify(balance)}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
    }
  }
}
