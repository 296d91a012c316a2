import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type Logger, connectWithRetry } from '@oioo/config';
import { type TopicDefinition } from '@oioo/contracts';
import { EventConsumer, type EventHandlerFunction } from './event-consumer';
import { EventProducer } from './event-producer';
import { EVENT_HANDLER_METADATA, KAFKA_LOGGER } from './kafka.tokens';

/** A method marked with `@EventHandler`, bound to its provider instance. */
interface DiscoveredHandler {
  topic: TopicDefinition;
  owner: string;
  handler: EventHandlerFunction<unknown>;
}

/**
 * Connects the producer at init, registers every `@EventHandler` method and starts the consumer at
 * bootstrap, and shuts both down gracefully.
 */
@Injectable()
export class KafkaLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Inject(KAFKA_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(EventConsumer) private readonly consumer?: EventConsumer,
  ) {}

  /**
   * Connects the producer before any provider's bootstrap hook can publish. A cluster briefly out of reach (a
   * broker restarting, a network partition) is waited for, up to connectWithRetry's bound, as the worker waits
   * for Temporal; one that stays away fails the boot. The chaos runs of issue 11 restarted a service during a
   * partition, and kafkajs's own retries gave up after about 10 s.
   */
  async onModuleInit(): Promise<void> {
    await connectWithRetry(() => this.producer.connect(), { target: 'Kafka' });
  }

  /** Registers discovered handlers and starts consuming, after every module has initialised the resources handlers use. */
  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    if (handlers.length === 0) {
      this.logger.info('No event handlers declared; not consuming');
      return;
    }
    if (!this.consumer) {
      throw new Error(`KafkaModule.forRoot needs a groupId: ${handlers.map((found) => found.owner).join(', ')} handle events`);
    }
    for (const found of handlers) this.consumer.register(found.topic, found.handler);
    await this.consumer.start();
  }

  /**
   * Stops consuming at the earliest shutdown hook, waiting for events being handled. KafkaModule is
   * global, so Nest calls this after other modules' onModuleDestroy: resources that handlers use
   * should be released in beforeApplicationShutdown or onApplicationShutdown.
   */
  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Disconnects the producer last, so handlers and other providers could still publish while shutting down. */
  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.producer.disconnect();
  }

  private discoverHandlers(): DiscoveredHandler[] {
    const found: DiscoveredHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (typeof instance !== 'object' || instance === null) continue;
      const prototype: unknown = Object.getPrototypeOf(instance);
      if (typeof prototype !== 'object' || prototype === null) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method: unknown = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const topic = this.reflector.get<TopicDefinition | undefined>(EVENT_HANDLER_METADATA, method);
        if (!topic) continue;
        const owner = `${wrapper.name}.${methodName}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new Error(`${owner} handles ${topic.name} but its provider is request- or transient-scoped; event handlers must be singletons`);
        }
        found.push({ topic, owner, handler: (event, metadata) => (method as EventHandlerFunction<unknown>).call(instance, event, metadata) });
      }
    }
    return found;
  }
}
