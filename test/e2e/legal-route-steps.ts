import { randomUUID } from 'node:crypto';
import {
  type AppointmentBookedData,
  type EoiApplicant,
  type EoiSubmittedData,
  type PresenceRequestedData,
  type SecurityCheckRequestedData,
  type TravelBookedData,
  Topics,
  eoiWorkflowId,
  ledgerWorkflowId,
} from '@oioo/contracts';
import { type EoiCaseView, eoiCaseViewQuery, proposeDecisionUpdate, reviewDecisionUpdate } from '@oioo/workflows-eoi';
import { type LedgerBalanceView, balanceQuery } from '@oioo/workflows-equivalence-ledger';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { type E2eContext, type RecordedTopic, eventsOn } from './e2e-context';

/** Two different caseworkers (S1). */
const PROPOSER = 'cw_E2EPROPOSER01';
const APPROVER = 'cw_E2EAPPROVER02';

/** An eligible adult applicant as the portal captures them (E3). */
export function applicantOf(overrides: Partial<EoiApplicant> = {}): EoiApplicant {
  return {
    personId: uniqueOpaqueId('per'),
    role: 'main',
    givenNames: 'Awet',
    familyName: 'Tesfaye',
    dateOfBirth: '1991-04-12',
    nationalities: ['ERI'],
    document: { kind: 'passport', number: 'P1234567', issuingCountry: 'ERI', nationalityShown: 'ERI', expiresOn: '2022-08-01' },
    eeaFamilyMember: false,
    protectionElsewhere: false,
    frenchResidencePermission: false,
    ukLinkWithin5Years: false,
    ...overrides,
  };
}

/** An EOI as the portal submits it, now. */
export function submissionOf(applicants: EoiApplicant[]): EoiSubmittedData {
  return { eoiId: uniqueOpaqueId('eoi'), submittedAt: new Date().toISOString(), applicants, ...(applicants.length > 1 ? { familyReference: `FAM-${randomUUID().slice(0, 8)}` } : {}) };
}

/** The legal route driven as the EOI portal, the visa application centre, the security services, caseworkers and Border Force would. */
export class LegalRouteSteps {
  constructor(private readonly context: E2eContext) {}

  publishSubmission(data: EoiSubmittedData, eventId: string = randomUUID()) {
    return this.context.producer.publish(Topics.eoiSubmitted, { eventId, subject: data.eoiId, source: 'eoi-portal', occurredAt: data.submittedAt, data });
  }

  eoiView(eoiId: string): Promise<EoiCaseView> {
    return this.context.platform.client.workflow.getHandle(eoiWorkflowId(eoiId)).query(eoiCaseViewQuery);
  }

  waitForEoi(eoiId: string, accept: (view: EoiCaseView) => boolean, timeoutMs = 60_000) {
    return eventually(() => this.eoiView(eoiId), accept, timeoutMs);
  }

  balance(): Promise<LedgerBalanceView> {
    return this.context.platform.client.workflow.getHandle(ledgerWorkflowId(this.context.platform.pilotId)).query(balanceQuery);
  }

  waitForBalance(accept: (balance: LedgerBalanceView) => boolean, timeoutMs = 60_000) {
    return eventually(() => this.balance(), accept, timeoutMs);
  }

  /** The latest event the platform sent about an EOI on one topic. */
  private async sentAbout<Data>(topic: RecordedTopic, eoiId: string): Promise<Data> {
    const found = await eventually(
      async () => eventsOn<Data>(topic).filter((event) => event.subject === eoiId),
      (events) => events.length > 0,
      60_000,
    );
    return (found.at(-1) as { data: Data }).data;
  }

  /** E2: each adult asked confirms on the portal, from `country`. */
  async confirmPresence(eoiId: string, country = 'FRA'): Promise<PresenceRequestedData> {
    const request = await this.sentAbout<PresenceRequestedData>(this.context.sent.presenceRequests, eoiId);
    for (const personId of request.personIds) {
      await this.context.producer.publish(Topics.presenceConfirmed, { subject: eoiId, source: 'eoi-portal', occurredAt: new Date().toISOString(), data: { eoiId, personId, confirmedAt: new Date().toISOString(), country } });
    }
    return request;
  }

  /** E7: everyone booked attends the visa application centre; `templates` gives someone's biometrics (a fresh template otherwise). */
  async attendVisaCentre(eoiId: string, templates: Record<string, string> = {}): Promise<AppointmentBookedData> {
    const appointment = await this.sentAbout<AppointmentBookedData>(this.context.sent.appointments, eoiId);
    for (const personId of appointment.personIds) {
      await this.context.producer.publish(Topics.biometricsCaptured, {
        subject: eoiId,
        source: 'visa-application-centre',
        occurredAt: new Date().toISOString(),
        data: { eoiId, appointmentReference: appointment.appointmentReference, personId, capturedAt: new Date().toISOString(), biometricTemplate: templates[personId] ?? `tpl-${randomUUID()}` },
      });
    }
    return appointment;
  }

  /** E7: the security services clear everyone checked. */
  async clearSecurityChecks(eoiId: string): Promise<void> {
    const request = await this.sentAbout<SecurityCheckRequestedData>(this.context.sent.securityRequests, eoiId);
    for (const personId of request.personIds) {
      await this.context.producer.publish(Topics.securityCheckCompleted, {
        subject: eoiId,
        source: 'uk-security-checks',
        occurredAt: new Date().toISOString(),
        data: { eoiId, checkReference: request.checkReference, personId, outcome: 'clear', completedAt: new Date().toISOString() },
      });
    }
  }

  /** S1: one caseworker proposes the grant, another approves it. */
  async grant(eoiId: string): Promise<void> {
    await this.waitForEoi(eoiId, (view) => view.state === 'decision');
    const handle = this.context.platform.client.workflow.getHandle(eoiWorkflowId(eoiId));
    await handle.executeUpdate(proposeDecisionUpdate, { args: [{ commandId: randomUUID(), actor: PROPOSER, decision: 'grant', reasons: 'eligible; checks clear', evidence: [] }] });
    await handle.executeUpdate(reviewDecisionUpdate, { args: [{ commandId: randomUUID(), actor: APPROVER, approve: true, reason: 'agree' }] });
  }

  /** E8: everyone on the booked journey arrives at the UK border. */
  async arriveAtBorder(eoiId: string): Promise<TravelBookedData> {
    const journey = await this.sentAbout<TravelBookedData>(this.context.sent.travel, eoiId);
    for (const personId of journey.personIds) {
      await this.publishEntry({ eoiId, personId, travelReference: journey.travelReference, arrivedAt: new Date().toISOString(), port: journey.arrivalPort });
    }
    return journey;
  }

  /** Border Force's record of an entry under the scheme. */
  publishEntry(data: { eoiId: string; personId: string; arrivedAt: string; port: string; travelReference?: string }) {
    return this.context.producer.publish(Topics.entryRecorded, { subject: data.eoiId, source: 'uk-border-force', occurredAt: data.arrivedAt, data });
  }
}
