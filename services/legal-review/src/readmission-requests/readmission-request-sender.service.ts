import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import {
  type Party,
  type ReadmissionRequestSentData,
  type SendReadmissionRequestBody,
  Topics,
  readmissionRequestSentDataSchema,
  readmissionWorkflowId,
  sendReadmissionRequestResponseSchema,
} from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventProducer, EventValidationError } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';
import { type Disclosure, type ReadmissionRequestRecord, ReadmissionRequestsRepository } from './readmission-requests.repository';

/** The answer to a send: the request's reference and when it reached France. */
export type SendReadmissionRequestResponse = z.infer<typeof sendReadmissionRequestResponseSchema>;

/** Who receives a readmission request. */
export const FRANCE: Party = 'fr-ministry-interior';

/** S3: how each request's disclosure is described in the log; the fields are exactly the event's data fields (R12). */
export const READMISSION_REQUEST_DISCLOSURE: Disclosure = {
  recipient: FRANCE,
  fields: Object.keys(readmissionRequestSentDataSchema.shape),
  purpose: 'R12: readmission request to France under the UK-France agreement',
  channel: Topics.readmissionRequestSent.name,
};

/**
 * Sends readmission requests to France for the case workflows (R12, S3). Idempotent by the caller's
 * key: the request and its disclosure-log row are committed first, then the event is published, and
 * the publication time becomes the request's `sentAt`. A failed publish answers 503, so the activity
 * retries; the retry finds the request unpublished and publishes it, with the same event id.
 */
@Injectable()
export class ReadmissionRequestSender {
  private readonly logger = createLogger('legal-review').child({ feature: 'readmission-requests' });

  constructor(
    private readonly requests: ReadmissionRequestsRepository,
    private readonly events: EventProducer,
  ) {}

  /** Records the request (once per key), publishes it if it has not been yet, and answers its reference and sending time. */
  async send(body: SendReadmissionRequestBody): Promise<SendReadmissionRequestResponse> {
    const content = r12Content(body);
    const contentSha256 = fingerprint(content);
    const recorded = await this.requests.recordWithDisclosure(
      {
        requestReference: `req_${randomUUID().replace(/-/g, '')}`,
        idempotencyKey: body.idempotencyKey,
        caseId: body.caseId,
        requestNumber: body.requestNumber,
        contentSha256,
        eventId: randomUUID(),
      },
      READMISSION_REQUEST_DISCLOSURE,
    );
    const { request } = recorded;
    if (recorded.outcome === 'number-taken') {
      throw new ServiceError(
        HttpStatus.CONFLICT,
        'REQUEST_NUMBER_TAKEN',
        `request ${body.requestNumber} of case ${body.caseId} was already sent as ${request.requestReference} under another idempotency key; a corrected request takes the next number (R10)`,
      );
    }
    if (request.contentSha256 !== contentSha256) {
      throw new ServiceError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_KEY_REUSED',
        `idempotency key already used for request ${request.requestReference} with different content; nothing was sent`,
      );
    }
    const sentAt = request.publishedAt ?? (await this.publish(request, content));
    return sendReadmissionRequestResponseSchema.parse({ requestReference: request.requestReference, sentAt: sentAt.toISOString() });
  }

  /** Publishes the request's event and records when; a failure to publish is a 503 the caller retries. */
  private async publish(request: ReadmissionRequestRecord, content: Omit<ReadmissionRequestSentData, 'requestReference'>): Promise<Date> {
    const sentAt = new Date();
    try {
      await this.events.publish(Topics.readmissionRequestSent, {
        subject: request.caseId,
        source: 'uk-legal-review',
        // R12: only the fields the readmission needs, listed one by one so nothing else can slip in.
        data: { requestReference: request.requestReference, ...content },
        occurredAt: sentAt,
        eventId: request.eventId,
        correlationId: readmissionWorkflowId(request.caseId),
      });
    } catch (error) {
      if (error instanceof EventValidationError) throw error;
      this.logger.warn('readmission request recorded but not published; the caller will retry', {
        requestReference: request.requestReference,
        caseId: request.caseId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw new ServiceError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'PUBLISH_FAILED',
        `readmission request ${request.requestReference} is recorded but could not be sent to France yet; retry with the same idempotency key`,
      );
    }
    const publishedAt = await this.requests.markPublished(request.requestReference, sentAt);
    this.logger.info('readmission request sent to France', {
      requestReference: request.requestReference,
      caseId: request.caseId,
      requestNumber: request.requestNumber,
      eventId: request.eventId,
    });
    return publishedAt;
  }
}

/** R12: the request's content, field by field; the idempotency key and anything else in the body stay here. */
function r12Content(body: SendReadmissionRequestBody): Omit<ReadmissionRequestSentData, 'requestReference'> {
  return {
    caseId: body.caseId,
    personId: body.personId,
    biometricReference: body.biometricReference,
    crossingEvidence: body.crossingEvidence.map((evidence) => ({ kind: evidence.kind, reference: evidence.reference })),
    arrivedAt: body.arrivedAt,
    requestNumber: body.requestNumber,
  };
}

/** A stable digest of the content, to recognise a key reused for something else without storing the values. */
function fingerprint(content: Omit<ReadmissionRequestSentData, 'requestReference'>): string {
  const canonical = [
    content.caseId,
    content.personId,
    content.biometricReference,
    content.crossingEvidence.map((evidence) => [evidence.kind, evidence.reference]),
    new Date(content.arrivedAt).toISOString(),
    content.requestNumber,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
