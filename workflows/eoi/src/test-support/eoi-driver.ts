import { randomUUID } from 'node:crypto';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { TaskQueues, eoiWorkflowId } from '@oioo/contracts';
import { queryAnswered, workflowSettled } from '@oioo/testing';
import type { EoiApplicantFacts, EoiPolicy } from '@oioo/domain';
import {
  type EoiCaseState,
  type EoiCaseView,
  biometricsCapturedSignal,
  eoiCaseViewQuery,
  eoiSubmittedSignal,
  presenceConfirmedSignal,
  proposeDecisionUpdate,
  recordArrivalUpdate,
  reviewDecisionUpdate,
  securityCheckCompletedSignal,
} from '../definitions';
import { eoiCaseWorkflow } from '../eoi-case.workflow';
import { nextId } from './eoi-applicants';

/** Two different authorised people (S1). */
export const PROPOSER = 'cw_EOIPROPOSER1';
export const APPROVER = 'cw_EOIAPPROVER2';

/** A command or event id. */
export function commandId(): string {
  return randomUUID();
}

/** One EOI case, driven as identity, legal-review, transport and caseworkers would drive it. */
export class EoiDriver {
  constructor(
    readonly client: Client,
    readonly handle: WorkflowHandle<typeof eoiCaseWorkflow>,
    readonly eoiId: string,
    readonly applicants: EoiApplicantFacts[],
  ) {}

  /** Submits an EOI as identity forwards it from the portal (signal-with-start). */
  static async submit(client: Client, options: { pilotId: string; applicants: EoiApplicantFacts[]; submittedAt: Date; policy?: Partial<EoiPolicy>; eventId?: string }): Promise<EoiDriver> {
    const eoiId = nextId('eoi');
    const handle = await client.workflow.signalWithStart(eoiCaseWorkflow, {
      taskQueue: TaskQueues.legalRoute,
      workflowId: eoiWorkflowId(eoiId),
      args: [{ eoiId, pilotId: options.pilotId, ...(options.policy ? { policy: options.policy } : {}) }],
      signal: eoiSubmittedSignal,
      signalArgs: [{ eventId: options.eventId ?? commandId(), eoiId, submittedAt: options.submittedAt.toISOString(), applicants: options.applicants }],
    });
    return new EoiDriver(client, handle, eoiId, options.applicants);
  }

  view(): Promise<EoiCaseView> {
    return queryAnswered(this.client, () => this.handle.query(eoiCaseViewQuery));
  }

  /** Polls the case until it reaches a state (the workflow acts on its own between steps). */
  waitForState(state: EoiCaseState, timeoutMs = 20_000): Promise<EoiCaseView> {
    return this.waitFor((view) => view.state === state, timeoutMs, `in ${state}`);
  }

  /** Waits until the case has finished reacting to what it was told (its search attributes and service calls are up to date). */
  settled(): Promise<void> {
    return workflowSettled(this.client, this.handle.workflowId);
  }

  /** Polls the case until the view satisfies the test, reading it only once the case has settled. */
  async waitFor(satisfied: (view: EoiCaseView) => boolean, timeoutMs = 20_000, what = 'the expected view'): Promise<EoiCaseView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settled();
      const view = await this.view();
      if (satisfied(view)) return view;
      if (Date.now() > deadline) throw new Error(`EOI ${this.eoiId} never reached ${what} (state ${view.state}): ${JSON.stringify(view.timeline.slice(-3))}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
    }
  }

  /** E2: every adult confirms from France (or the given ones, from `country`). */
  async confirmPresence(personIds?: string[], country = 'FRA'): Promise<void> {
    const view = await this.waitFor((current) => current.nextDeadline?.rule === 'E2' || current.state !== 'awaiting-presence');
    // With no adult to ask (a main applicant under 18), the case goes straight on to E3.
    if (view.state !== 'awaiting-presence') return;
    for (const personId of personIds ?? view.people.filter((person) => person.adult).map((person) => person.personId)) {
      await this.handle.signal(presenceConfirmedSignal, { eventId: commandId(), personId, confirmedAt: new Date().toISOString(), country });
    }
  }

  /** E7: the visa application centre captures everyone; enrolment references are `enr-<personId>`. */
  async captureBiometrics(personIds = this.applicants.map((person) => person.personId)): Promise<void> {
    const view = await this.waitFor((current) => current.appointmentReference !== undefined);
    for (const personId of personIds) {
      await this.handle.signal(biometricsCapturedSignal, {
        eventId: commandId(),
        personId,
        appointmentReference: view.appointmentReference as string,
        enrolmentReference: `enr-${personId}`,
        capturedAt: new Date().toISOString(),
      });
    }
  }

  /** E7: the security services answer for everyone (`refuse` names one person refused on `ground`). */
  async completeChecks(refuse?: { personId: string; ground: 'security' | 'criminality' | 'suitability' | 'deception' }): Promise<void> {
    const view = await this.waitForState('security-checks');
    for (const person of this.applicants) {
      const refused = refuse?.personId === person.personId;
      await this.handle.signal(securityCheckCompletedSignal, {
        eventId: commandId(),
        personId: person.personId,
        checkReference: view.checkReference as string,
        outcome: refused ? 'refuse' : 'clear',
        ...(refused ? { ground: refuse.ground } : {}),
        completedAt: new Date().toISOString(),
      });
    }
  }

  /** S1: a grant proposed by one person and approved by another. */
  async grant(): Promise<EoiCaseView> {
    await this.waitForState('decision');
    await this.handle.executeUpdate(proposeDecisionUpdate, { args: [{ commandId: commandId(), actor: PROPOSER, decision: 'grant', reasons: 'all checks clear', evidence: [] }] });
    await this.handle.executeUpdate(reviewDecisionUpdate, { args: [{ commandId: commandId(), actor: APPROVER, approve: true, reason: 'agree' }] });
    return this.waitFor((view) => view.grant?.travelReference !== undefined);
  }

  /** From a released EOI to a grant with travel booked: biometrics, checks and a decision. */
  async driveToGrant(): Promise<EoiCaseView> {
    await this.captureBiometrics();
    await this.completeChecks();
    return this.grant();
  }

  /** E8: a person arrives at the UK border, as transport forwards it. */
  arrive(personId: string, id = commandId()) {
    return this.handle.executeUpdate(recordArrivalUpdate, { args: [{ commandId: id, personId, arrivedAt: new Date().toISOString(), port: 'London St Pancras' }] });
  }
}
