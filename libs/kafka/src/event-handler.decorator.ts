import { SetMetadata } from '@nestjs/common';
import { type z } from 'zod';
import { type TopicDefinition } from '@oioo/contracts';
import { type EventHandlerFunction } from './event-consumer';
import { EVENT_HANDLER_METADATA } from './kafka.tokens';

/**
 * Marks a provider method as the handler of a topic's events. `KafkaModule` finds it at bootstrap and
 * registers it with the consumer; the method's type is checked against the topic's event type.
 */
export function EventHandler<Data extends z.ZodType>(topic: TopicDefinition<Data>) {
  return <Method extends EventHandlerFunction<z.output<Data>>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>): void => {
    SetMetadata(EVENT_HANDLER_METADATA, topic)(target, key, descriptor);
  };
}
