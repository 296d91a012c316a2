import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { type RequestSecurityChecksBody, Topics, eoiWorkflowId, requestSecurityChecksResponseSchema } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventProducer, EventValidationError } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';
import { type SecurityCheckRequestRecord, SecurityChecksRepository } from './security-checks.repository';

/** The answer to a request for checks: its reference, which each result quotes, and when the checks were asked for. */
export type RequestSecurityChecksResponse = z.infer<typeof requestSecurityChecksResponseSchema>;

/**
 * Asks the security services to check the invited applicants of an EOI (E7), for the EOI workflow's
 * activity. Idempotent by the caller's key: the request is recorded first (opaque `sec_...` reference,
 * EOI, people, the time asked), then published on `security.check.requested.v1` keyed by the EOI id. A
 * repeat answers the first request and publishes nothing more; a request recorded but not yet published
 * (the broker was down) is published by the repeat, with the same event id, and answers 503 until then.
 */
@Injectable()
export class SecurityCheckRequester {
  private readonly logger = createLogger('legal-review').child({ feature: 'security-checks' });

  constructor(
    private readonly checks: SecurityChecksRepository,
    private readonly events: EventProducer,
  ) {}

  /** Records the request (once per key), publishes it if it has not been yet, and answers its reference. */
  async request(body: RequestSecurityChecksBody): Promise<RequestSecurityChecksResponse> {
    const { request } = await this.checks.recordRequest({
      checkReference: `sec_${randomUUID().replace(/-/g, '')}`,
      idempotencyKey: body.idempotencyKey,
      eoiId: body.eoiId,
      personIds: body.personIds,
      eventId: randomUUID(),
      requestedAt: new Date(),
    });
    if (request.eoiId !== body.eoiId || !samePeople(request.personIds, body.personIds)) {
      throw new ServiceError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_KEY_REUSED',
        `idempotency key already used for security check request ${request.checkReference} with different content; nothing was sent`,
      );
    }
    if (!request.publishedAt) await this.publish(request);
    return requestSecurityChecksResponseSchema.parse({ checkReference: request.checkReference, requestedAt: request.requestedAt.toISOString() });
  }

  /** Publishes the request's event and records when; a failure to publish is a 503 the caller retries. */
  private async publish(request: SecurityCheckRequestRecord): Promise<void> {
    try {
      await this.events.publish(Topics.securityCheckRequested, {
        subject: request.eoiId,
        source: 'uk-legal-review',
        data: { eoiId: request.eoiId, checkReference: request.checkReference, personIds: request.personIds, requestedAt: request.requestedAt.toISOString() },
        occurredAt: request.requestedAt,
        eventId: request.eventId,
        correlationId: eoiWorkflowId(request.eoiId),
      });
    } catch (error) {
      if (error instanceof EventValidationError) throw error;
      this.logger.warn('security check request recorded but not published; the caller will retry', {
        checkReference: request.checkReference,
        eoiId: request.eoiId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw new ServiceError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'PUBLISH_FAILED',
        `security check request ${request.checkReference} is recorded but could not be sent to the security services yet; retry with the same idempotency key`,
      );
    }
    await this.checks.markPublished(request.checkReference, new Date());
    this.logger.info('security checks requested', { checkReference: request.checkReference, eoiId: request.eoiId, people: request.personIds.length, eventId: request.eventId });
  }
}

/** The same people, in any order: a retried call sends the same list, and order carries no meaning. */
function samePeople(recorded: readonly string[], asked: readonly string[]): boolean {
  const a = [...new Set(recorded)].sort();
  const b = [...new Set(asked)].sort();
  return a.length === b.length && a.every((personId, index) => personId === b[index]);
}
