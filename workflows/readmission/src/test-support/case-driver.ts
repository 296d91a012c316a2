import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type ArrivalRecordedData, TaskQueues, readmissionWorkflowId } from '@oioo/contracts';
import type { ReadmissionPolicy } from '@oioo/domain';
import { queryAnswered, workflowSettled } from '@oioo/testing';
import {
  type ArrivalScreening,
  arrivalRecordedSignal,
  caseViewQuery,
  decideSelectionUpdate,
  proposeInadmissibilityUpdate,
  proposeRemovalDirectionsUpdate,
  recordDetentionUpdate,
  recordFranceReplyUpdate,
  recordScreeningUpdate,
  reviewInadmissibilityUpdate,
  reviewRemovalDirectionsUpdate,
} from '../definitions';
import { readmissionCaseWorkflow } from '../readmission-case.workflow';

/** Two different authorised people, for S1. */
export const PROPOSER = 'cw_PROPOSER0001';
export const APPROVER = 'cw_APPROVER0002';

let sequence = 0;

/** A fresh opaque case id, so cases never collide on a shared server. */
export function nextCaseId(): string {
  sequence += 1;
  return `case_T${Date.now().toString(36).toUpperCase()}${String(sequence).padStart(5, '0')}`;
}

/** A command id for one caseworker step. */
export function commandId(): string {
  return randomUUID();
}

/** An in-scope arrival at the given time, with overrides. */
export function arrivalOf(caseId: string, arrivedAt: Date, overrides: Partial<ArrivalRecordedData> = {}): ArrivalRecordedData {
  return {
    caseId,
    personId: `per_${caseId.slice(5)}`,
    arrivedAt: arrivedAt.toISOString(),
    route: 'claimed-protection',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'INT-2025-0001' }],
    biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
    ...overrides,
  };
}

function withoutTemplate(arrival: ArrivalRecordedData): Omit<ArrivalRecordedData, 'biometricTemplate'> {
  const { biometricTemplate: _template, ...facts } = arrival;
  return facts;
}

/** A readmission case, handled as a caseworker, the identity service and the legal-review service would. */
export class CaseDriver {
  constructor(
    readonly client: Client,
    readonly handle: WorkflowHandle<typeof readmissionCaseWorkflow>,
    readonly caseId: string,
  ) {}

  /** Opens a case through signal-with-start, as the identity service does for an arrival event. */
  static async open(
    client: Client,
    arrival: ArrivalRecordedData,
    options: { screening?: ArrivalScreening; policy?: Partial<ReadmissionPolicy>; historyEventsLimit?: number; taskQueue?: string } = {},
  ): Promise<CaseDriver> {
    const handle = await client.workflow.signalWithStart(readmissionCaseWorkflow, {
      taskQueue: options.taskQueue ?? TaskQueues.readmission,
      workflowId: readmissionWorkflowId(arrival.caseId),
      args: [
        {
          caseId: arrival.caseId,
          ...(options.policy ? { policy: options.policy } : {}),
          ...(options.historyEventsLimit ? { historyEventsLimit: options.historyEventsLimit } : {}),
        },
      ],
      signal: arrivalRecordedSignal,
      // As identity does, the case gets the arrival without the biometric template.
      signalArgs: [{ eventId: randomUUID(), arrival: withoutTemplate(arrival), ...(options.screening ? { screening: options.screening } : {}) }],
    });
    return new CaseDriver(client, handle, arrival.caseId);
  }

  view() {
    return queryAnswered(this.client, () => this.handle.query(caseViewQuery));
  }

  screenAsAdult() {
    return this.handle.executeUpdate(recordScreeningUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, age: 'adult', vulnerabilities: [] }] });
  }

  async selectAndDetain() {
    await this.handle.executeUpdate(decideSelectionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, selected: true, reason: 'meets pilot criteria' }] });
    return this.handle.executeUpdate(recordDetentionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, facility: 'IRC Harmondsworth' }] });
  }

  proposeInadmissible(actor = PROPOSER) {
    return this.handle.executeUpdate(proposeInadmissibilityUpdate, {
      args: [{ commandId: commandId(), actor, decision: 'inadmissible', reasons: 'travelled through France, a safe third country', evidence: ['doc:ev-1'] }],
    });
  }

  approveInadmissibility(actor = APPROVER) {
    return this.handle.executeUpdate(reviewInadmissibilityUpdate, { args: [{ commandId: commandId(), actor, approve: true, reason: 'agree' }] });
  }

  /** From screening to the request sent to France, waiting until the workflow has sent it. */
  async driveToAwaitingReply() {
    await this.screenAsAdult();
    await this.selectAndDetain();
    await this.proposeInadmissible();
    await this.approveInadmissibility();
    return this.waitForState('awaiting-reply');
  }

  /** France's reply to the request the case is waiting on. */
  async franceReplies(kind: 'accepted' | 'refused' | 'extended', ground?: 'insufficient-evidence') {
    const view = await this.view();
    const requestNumber = view.timeline.filter((entry) => entry.what === 'state:awaiting-reply').length;
    return this.handle.executeUpdate(recordFranceReplyUpdate, {
      args: [{ commandId: commandId(), requestReference: `req-${this.caseId}-${requestNumber}`, kind, ...(ground ? { ground } : {}) }],
    });
  }

  /** Removal directions proposed by one person and approved (served) by another. */
  async serveRemovalDirections() {
    await this.handle.executeUpdate(proposeRemovalDirectionsUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, reasons: 'France accepted' }] });
    return this.handle.executeUpdate(reviewRemovalDirectionsUpdate, { args: [{ commandId: commandId(), actor: APPROVER, approve: true, reason: 'agree' }] });
  }

  /** From screening through France's acceptance and served removal directions to the R5 check clearing the case; returns the view as booked. */
  async driveToClearedForTransfer(clock: Pick<TestWorkflowEnvironment, 'sleep' | 'currentTimeMs'>) {
    await this.driveToAwaitingReply();
    await this.franceReplies('accepted');
    await this.serveRemovalDirections();
    return this.waitUntilClearedForTransfer(clock);
  }

  /**
   * R5: with removal directions served, waits for the booking, lets the test server's time run to an hour before
   * departure and waits for the pre-transfer check to clear the case. Returns the view as booked (its movement).
   */
  async waitUntilClearedForTransfer(clock: Pick<TestWorkflowEnvironment, 'sleep' | 'currentTimeMs'>) {
    const booked = await this.waitForState('movement-booked');
    await clock.sleep(new Date(booked.movement?.departsAt as string).getTime() - (await clock.currentTimeMs()) - 60 * 60 * 1000);
    await this.waitForState('cleared-for-transfer');
    return booked;
  }

  /** Polls the query until the case reaches the state (the workflow acts on its own between steps). */
  waitForState(state: string, timeoutMs = 20_000) {
    return this.waitFor((view) => view.state === state, `in ${state}`, timeoutMs);
  }

  /** Waits until the case has finished reacting to what it was told (its search attributes and service calls are up to date). */
  settled() {
    return workflowSettled(this.client, this.handle.workflowId);
  }

  /** Ends a test's case once it has settled (see workflowSettled). */
  async finish() {
    await this.settled();
    await this.handle.terminate('test finished');
  }

  /** Polls the query until the case's view satisfies `holds`, reading it only once the case has settled. */
  async waitFor(holds: (view: Awaited<ReturnType<CaseDriver['view']>>) => boolean, what = 'as expected', timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      const view = await this.view();
      if (holds(view)) return view;
      if (Date.now() > deadline) throw new Error(`case ${this.caseId} is not ${what} (state ${view.state}): ${JSON.stringify(view.timeline.slice(-3))}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
    }
  }
}
