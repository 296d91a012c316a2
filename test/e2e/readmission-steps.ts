import { randomUUID } from 'node:crypto';
import { type ArrivalRecordedData, type ManifestNotifiedData, type ReadmissionRequestSentData, Topics, readmissionWorkflowId } from '@oioo/contracts';
import { type IncomingMessage } from '@oioo/kafka';
import { type ReadmissionCaseView, caseViewQuery } from '@oioo/workflows-readmission';
import { CaseDriver } from '@oioo/workflows-readmission/testing';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { type E2eContext, eventsOn } from './e2e-context';

/** Border Force's record of a small-boat arrival, with a biometric template of its own. */
export function arrivalOf(caseId: string, overrides: Partial<ArrivalRecordedData> = {}): ArrivalRecordedData {
  return {
    caseId,
    personId: uniqueOpaqueId('per'),
    arrivedAt: new Date().toISOString(),
    route: 'apprehended',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-77' }],
    biometricTemplate: `tpl-${randomUUID()}`,
    ...overrides,
  };
}

/** The headers of a dead letter, as text. */
export function headersOf(message: IncomingMessage | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, value.toString()]));
}

/** Readmission cases driven through Kafka and caseworker updates, as the agencies and caseworkers would. */
export class ReadmissionSteps {
  constructor(private readonly context: E2eContext) {}

  publishArrival(data: ArrivalRecordedData, eventId: string = randomUUID()) {
    return this.context.producer.publish(Topics.arrivalRecorded, { eventId, subject: data.caseId, source: 'uk-border-force', occurredAt: data.arrivedAt, data });
  }

  driverFor(caseId: string): CaseDriver {
    const { client } = this.context.platform;
    return new CaseDriver(client, client.workflow.getHandle(readmissionWorkflowId(caseId)), caseId);
  }

  caseView(caseId: string): Promise<ReadmissionCaseView> {
    return this.context.platform.client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
  }

  waitForCase(caseId: string, accept: (view: ReadmissionCaseView) => boolean, timeoutMs = 60_000) {
    return eventually(() => this.caseView(caseId), accept, timeoutMs);
  }

  /** France's answer to the request the UK sent for a case, as France's system would publish it. */
  async franceReplies(caseId: string, kind: 'accepted' | 'refused' | 'extended'): Promise<string> {
    const request = await eventually(
      async () => eventsOn<ReadmissionRequestSentData>(this.context.sent.requests).filter((event) => event.data?.caseId === caseId),
      (found) => found.length > 0,
    );
    const { requestReference } = (request.at(-1) as { data: ReadmissionRequestSentData }).data;
    await this.context.producer.publish(Topics.franceReplied, { subject: caseId, source: 'fr-ministry-interior', occurredAt: new Date().toISOString(), data: { requestReference, caseId, kind } });
    return requestReference;
  }

  /** Opens a case through Border Force's event and takes it, as caseworkers would, to the request sent to France. */
  async caseAwaitingFrance(overrides: Partial<ArrivalRecordedData> = {}): Promise<{ caseId: string; driver: CaseDriver; data: ArrivalRecordedData }> {
    const data = arrivalOf(uniqueOpaqueId('case'), overrides);
    await this.publishArrival(data);
    return { caseId: data.caseId, driver: await this.toAwaitingFrance(data.caseId), data };
  }

  /** Takes an opened case, as caseworkers would, from screening to the request sent to France. */
  async toAwaitingFrance(caseId: string): Promise<CaseDriver> {
    await this.waitForCase(caseId, (view) => view.state === 'screening');
    const driver = this.driverFor(caseId);
    await driver.screenAsAdult();
    await driver.selectAndDetain();
    await driver.proposeInadmissible();
    await driver.approveInadmissibility();
    await this.waitForCase(caseId, (view) => view.state === 'awaiting-reply');
    return driver;
  }

  /**
   * From France's acceptance to the handover France confirms: removal directions, the movement and its
   * manifest, R5's last-moment check, boarding, handover (R8, R9, Q1). Returns the manifest France received.
   */
  async acceptedToHandover(caseId: string, driver: CaseDriver): Promise<ManifestNotifiedData> {
    await this.franceReplies(caseId, 'accepted');
    await this.waitForCase(caseId, (view) => view.state === 'removal-directions');
    await driver.serveRemovalDirections();
    return this.movementToHandover(caseId);
  }

  /** From removal directions served to the handover France confirms: the movement, its manifest, boarding, handover. */
  async movementToHandover(caseId: string): Promise<ManifestNotifiedData> {
    const { producer } = this.context;
    const booked = await this.waitForCase(caseId, (view) => view.state === 'movement-booked');
    const movementId = booked.movement?.movementId as string;
    const manifests = await eventually(
      async () => eventsOn<ManifestNotifiedData>(this.context.sent.manifests).filter((event) => event.data?.movementId === movementId),
      (found) => found.some((event) => event.data.passengers.some((passenger) => passenger.caseId === caseId)),
      90_000,
    );
    await this.waitForCase(caseId, (view) => view.state === 'cleared-for-transfer', 90_000);
    await producer.publish(Topics.boardingRecorded, {
      subject: caseId,
      source: 'uk-escorts',
      occurredAt: new Date().toISOString(),
      data: { movementId, caseId, outcome: 'boarded', recordedAt: new Date().toISOString() },
    });
    await this.waitForCase(caseId, (view) => view.state === 'in-transit');
    await producer.publish(Topics.handoverConfirmed, {
      subject: caseId,
      source: 'fr-ministry-interior',
      occurredAt: new Date().toISOString(),
      data: { handoverReference: uniqueOpaqueId('hov'), movementId, caseId, confirmedAt: new Date().toISOString() },
    });
    return (manifests.at(-1) as { data: ManifestNotifiedData }).data;
  }

  /** A whole readmission, arrival to confirmed handover; resolves once the case has ended transferred. */
  async readmit(overrides: Partial<ArrivalRecordedData> = {}): Promise<ArrivalRecordedData> {
    const { caseId, driver, data } = await this.caseAwaitingFrance(overrides);
    await this.acceptedToHandover(caseId, driver);
    await driver.handle.result();
    return data;
  }
}
