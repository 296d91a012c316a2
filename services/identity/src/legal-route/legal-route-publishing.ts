import { HttpStatus } from '@nestjs/common';
import { type z } from 'zod';
import { type TopicDefinition, eoiWorkflowId } from '@oioo/contracts';
import { type Logger } from '@oioo/config';
import { type EventProducer, EventValidationError } from '@oioo/kafka';
import { ServiceError } from '@oioo/service-kit';

/** What identity publishes about an EOI: the stored event id (so a re-publish is a recognisable copy), the time and the data. */
export interface EoiEventToPublish<Data> {
  eoiId: string;
  eventId: string;
  occurredAt: Date;
  data: Data;
}

/**
 * Publishes an event about an EOI keyed by its id, for the request endpoints that record first and
 * publish after. A failure to publish is a 503: what was recorded stays, and the caller's retry with the
 * same idempotency key publishes it, with the same event id. An invalid event is a bug and is thrown as is.
 */
export async function publishEoiEvent<Data extends z.ZodType>(
  events: EventProducer,
  topic: TopicDefinition<Data>,
  event: EoiEventToPublish<z.input<Data>>,
  logger: Logger,
): Promise<void> {
  try {
    await events.publish(topic, {
      subject: event.eoiId,
      source: 'uk-identity',
      data: event.data,
      occurredAt: event.occurredAt,
      eventId: event.eventId,
      correlationId: eoiWorkflowId(event.eoiId),
    });
  } catch (error) {
    if (error instanceof EventValidationError) throw error;
    logger.warn('recorded but not published; the caller will retry', { topic: topic.name, eoiId: event.eoiId, eventId: event.eventId, error: error instanceof Error ? error.name : 'unknown' });
    throw new ServiceError(HttpStatus.SERVICE_UNAVAILABLE, 'PUBLISH_FAILED', `recorded for EOI ${event.eoiId} but not yet published to ${topic.name}; retry with the same idempotency key`);
  }
}
