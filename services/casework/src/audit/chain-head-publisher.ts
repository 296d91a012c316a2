import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { AUDIT_STREAMS, Topics } from '@oioo/contracts';
import { DATABASE, type Database, chainHeadOf } from '@oioo/database';
import { EventProducer, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';

/** Publishes one head; a seam so tests can watch what would be sent. */
export type HeadSender = (event: { stream: string; seq: number; hash: string; at?: string; publishedAt: string }) => Promise<void>;

/**
 * S2, S3: publishes each audit stream's chain head (seq, hash) on `audit.chain-head.published.v1` at start
 * and then every AUDIT_CHAIN_HEAD_INTERVAL_SECONDS, so the record's state leaves the database that holds it:
 * whoever rewrites rows must re-hash every entry after them, and the new hashes no longer match what was
 * published. Kafka is reached lazily: a broker that is down costs a warning and a retry at the next tick,
 * never the API. Heads carry opaque values only.
 */
@Injectable()
export class ChainHeadPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private producer?: EventProducer;
  private readonly logger = createLogger('casework', { role: 'chain-head-publisher' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CASEWORK_CONFIG) private readonly config: CaseworkConfig,
  ) {}

  /** Starts publishing, unless the interval is 0. Kafka settings are parsed now, so a bad one stops the boot naming it. */
  onApplicationBootstrap(): void {
    if (this.config.chainHeadIntervalSeconds === 0) return;
    const kafka = loadKafkaConfig(process.env);
    const logger = createLogger('casework-kafka', { role: 'chain-head-producer' });
    this.producer = new EventProducer(createKafkaJsTransport({ config: kafka, clientId: 'casework-audit', logger }).createProducer(), logger);
    const tick = () => {
      this.running ??= this.publishAll(this.sendOnKafka).finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.config.chainHeadIntervalSeconds * 1000);
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
    for (const stream of AUDIT_STREAMS) {
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
    await producer.publish(Topics.auditChainHeadPublished, { subject: subjectOf(head.stream), source: 'oioo-platform', data: { service: 'casework', ...head }, occurredAt: head.publishedAt });
  };
}

/** The event's key, an opaque id per stream (`audit_caseworkConsultations`), so one stream's heads stay in order. */
export function subjectOf(stream: string): string {
  return `audit_casework${stream.charAt(0).toUpperCase()}${stream.slice(1).replace(/[^0-9A-Za-z]/g, '')}`;
}
