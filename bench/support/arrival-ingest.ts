// The ingest path in the benchmark's process: identity consuming Border Force's arrivals, and the agency's producer.

// NestJS reads the decorators' metadata as identity's modules load, so this comes first.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Topics } from '@oioo/contracts';
import { IdentityAppModule } from '@oioo/identity';
import { sampleTemplate } from '@oioo/identity/testing';
import { EventConsumer, EventProducer, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { opaque } from './casework-cases';
import { measure } from './measure';

/** Events sent at once by the agency's producer: enough that publishing never waits on identity. */
const PUBLISH_CONCURRENCY = 32;

/** Boots `IdentityAppModule` as its service would (consumer group `identity`), on in-memory PGlite, and waits until its consumer has joined. */
export async function startIdentity(): Promise<INestApplication> {
  // A line per arrival would fill the output; warnings and errors still show.
  process.env['LOG_LEVEL'] ??= 'warn';
  process.env['DATABASE_DRIVER'] = 'pglite';
  delete process.env['DATABASE_DIR'];
  delete process.env['DATABASE_URL'];
  const app = await NestFactory.create(IdentityAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  await app.get(EventConsumer).waitUntilJoined(60_000);
  return app;
}

/** A producer on the stack's broker, as Border Force's system would use it. */
export async function connectBorderForce(): Promise<EventProducer> {
  const transport = createKafkaJsTransport({ config: loadKafkaConfig(process.env), clientId: 'bench-border-force' });
  const producer = new EventProducer(transport.createProducer());
  await producer.connect();
  return producer;
}

/**
 * Publishes `count` arrivals of new people (each a template of its own that matches nobody, with evidence
 * of the crossing, so each must open one case), `PUBLISH_CONCURRENCY` at a time; returns their case ids.
 */
export async function publishArrivals(producer: EventProducer, count: number, label: string): Promise<string[]> {
  const caseIds = Array.from({ length: count }, () => `case_ING${opaque(20)}`);
  const arrivedAt = new Date().toISOString();
  await measure(count, PUBLISH_CONCURRENCY, (index) => {
    const caseId = caseIds[index] as string;
    return producer.publish(Topics.arrivalRecorded, {
      eventId: randomUUID(),
      source: 'uk-border-force',
      subject: caseId,
      occurredAt: arrivedAt,
      data: {
        caseId,
        personId: `per_ING${opaque(20)}`,
        arrivedAt,
        route: 'apprehended',
        departedFrom: 'FR',
        crossingEvidence: [{ kind: 'interception-record', reference: `int_ING${opaque(12)}` }],
        biometricTemplate: sampleTemplate(`ingest-${label}-${caseId}`),
      },
    });
  });
  return caseIds;
}
