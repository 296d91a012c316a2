import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { type AuditKeeper, Topics } from '@oioo/contracts';
import { type Database, chainHeadOf } from '@oioo/database';
import { EventProducer, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';

/** Publishes one head; a seam so tests can watch what would be sent. */
export type HeadSender = (event: { stream: string; seq: number; hash: string; at?: string; publishedAt: string }) => Promise<void>;

/** Which service's streams a publisher reads, and how often (seconds; 0 turns publishing off). */
export interface ChainHeadPublishing {
  service: AuditKeeper;
  streams: readonly string[];
  intervalSeconds: number;
}

/**
 * S2, S3: publishes each audit stream's chain head (seq, hash) on `audit.chain-head.published.v1` at start
 * and then every `intervalSeconds`, so the record's state leaves the database that holds it: whoever rewrites
 * rows must re-hash every entry after them, and the new hashes no longer match what was published. Kafka is
 * reached lazily: a broker that is down costs a warning and a retry at the next tick, never the service.
 * Heads carry opaque values only. Each service that keeps streams extends it with its database and settings.
 */
export class ChainHeadPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private producer?: EventProducer;
  private readonly logger;

  constructor(
    private readonly db: Database,
    private readonly publishing: ChainHeadPublishing,
  ) {
    this.logger = createLogger(publishing.service, { role: 'chain-head-publisher' });
  }

  /** Starts publishing, unless the interval is 0. Kafka settings are parsed now, so a bad one stops the boot naming it. */
  onApplicationBootstrap(): void {
    if (this.publishing.intervalSeconds === 0) return;
    const kafka = loadKafkaConfig(process.env);
    const logger = createLogger(`${this.publishing.service}-kafka`, { role: 'chain-head-producer' });
    this.producer = new EventProducer(createKafkaJsTransport({ config: kafka, clientId: `${this.publishing.service}-audit`, logger }).createProducer(), logger);
    const tick = () => {
      this.running ??= this.publishAll(this.sendOnKafka).finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.publishing.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the loop, lets a publication in flight finish, and disconnects. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Reads every stream's head and sends it; a failure is logged (stream and error name only) and retried next time. */
  async publishAll(send: HeadSender): Promise<number> {
    let sent = 0;
    for (const stream of this.publishing.streams) {
      try {
        const head = await chainHeadOf(this.db, stream);
        await send({ stream, seq: head.seq, hash: head.hash, ...(head.at ? { at: head.at } : {}), publishedAt: new Date().toISOString() });
        sent += 1;
      } catch (error) {
        this.logger.warn('audit chain head not published; retried at the next interval', { stream, errorName: error instanceof Error ? error.name : typeof error });
      }
    }
    return sent;
  }

  private readonly sendOnKafka: HeadSender = async (head) => {
    const producer = this.producer;
    if (!producer) throw new Error('chain head publishing is off');
    await producer.connect();
    await producer.publish(Topics.auditChainHeadPublished, {
      subject: chainHeadSubject(this.publishing.service, head.stream),
      source: 'oioo-platform',
      data: { service: this.publishing.service, ...head },
      occurredAt: head.publishedAt,
    });
  };
}

/** The event's key, an opaque id per service and stream (`audit_caseworkConsultations`, `audit_legalReviewDisclosures`), so one stream's heads stay in order. */
export function chainHeadSubject(service: AuditKeeper, stream: string): string {
  return `audit_${camel(service)}${camel(`-${stream}`)}`;
}

function camel(name: string): string {
  return name.replace(/[^0-9A-Za-z]+([0-9A-Za-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/[^0-9A-Za-z]/g, '');
}
