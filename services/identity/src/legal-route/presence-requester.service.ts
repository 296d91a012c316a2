import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { type RequestPresenceBody, Topics, eoiWorkflowId, requestPresenceResponseSchema } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DATABASE, type Database } from '@oioo/database';
import { EventProducer } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';
import { EoiSubmissionsRepository, peopleNotIn } from './eoi-submissions.repository';
import { publishEoiEvent } from './legal-route-publishing';
import { type PresenceRequestRecord, PresenceRequestsRepository } from './presence-requests.repository';

/** The answer to a presence request. */
export type RequestPresenceResponse = z.infer<typeof requestPresenceResponseSchema>;

/**
 * E2: asks the adults of an EOI, through the portal, to confirm their location in France. Idempotent by
 * the caller's key: the request is recorded first, then published; the hours count from publication,
 * when people are actually asked. A repeat answers the first times and publishes nothing again; a
 * repeat after a failed publish publishes the same event.
 */
@Injectable()
export class PresenceRequester {
  private readonly logger = createLogger('identity').child({ feature: 'presence-requests' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly submissions: EoiSubmissionsRepository,
    private readonly requests: PresenceRequestsRepository,
    private readonly events: EventProducer,
  ) {}

  /** Records the request (once per key), publishes it if it has not been yet, and answers when they were asked and the deadline. */
  async request(body: RequestPresenceBody): Promise<RequestPresenceResponse> {
    const request = await this.db.transaction(async (tx) => {
      const earlier = await this.requests.find(tx, body.idempotencyKey);
      if (earlier) return sameRequest(earlier, body);
      const people = await this.submissions.personIdsOf(tx, body.eoiId);
      if (!people) throw new ServiceError(HttpStatus.NOT_FOUND, 'UNKNOWN_EOI', `identity has received no submission of ${body.eoiId}`);
      const strangers = peopleNotIn(people, body.personIds);
      if (strangers.length > 0) throw new ServiceError(HttpStatus.UNPROCESSABLE_ENTITY, 'NOT_IN_EOI', `not in EOI ${body.eoiId}: ${strangers.join(', ')}`);
      const recorded = await this.requests.recordOnce(tx, {
        idempotencyKey: body.idempotencyKey,
        eoiId: body.eoiId,
        personIds: [...new Set(body.personIds)],
        confirmWithinMs: body.confirmWithinMs,
        eventId: randomUUID(),
      });
      return sameRequest(recorded, body);
    });
    const asked = request.asked ?? (await this.publish(request));
    return requestPresenceResponseSchema.parse({ askedAt: asked.askedAt.toISOString(), confirmBy: asked.confirmBy.toISOString() });
  }

  private async publish(request: PresenceRequestRecord): Promise<{ askedAt: Date; confirmBy: Date }> {
    const askedAt = new Date();
    const confirmBy = new Date(askedAt.getTime() + request.confirmWithinMs);
    await publishEoiEvent(
      this.events,
      Topics.presenceRequested,
      {
        eoiId: request.eoiId,
        eventId: request.eventId,
        occurredAt: askedAt,
        data: { eoiId: request.eoiId, personIds: request.personIds, askedAt: askedAt.toISOString(), confirmBy: confirmBy.toISOString() },
      },
      this.logger,
    );
    const asked = await this.requests.markAsked(this.db, request.idempotencyKey, askedAt, confirmBy);
    this.logger.info('presence confirmation requested', { workflowId: eoiWorkflowId(request.eoiId), people: request.personIds.length, eventId: request.eventId });
    return asked;
  }
}

/** The recorded request, if the body asks for the same thing; a key reused for something else is refused. */
function sameRequest(recorded: PresenceRequestRecord, body: RequestPresenceBody): PresenceRequestRecord {
  const same =
    recorded.eoiId === body.eoiId &&
    recorded.confirmWithinMs === body.confirmWithinMs &&
    recorded.personIds.length === new Set(body.personIds).size &&
    body.personIds.every((personId) => recorded.personIds.includes(personId));
  if (!same) throw new ServiceError(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for another presence request; nothing was sent');
  return recorded;
}
