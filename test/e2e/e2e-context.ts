import { Topics } from '@oioo/contracts';
import { type EventProducer, type IncomingMessage } from '@oioo/kafka';
import { connectProducer, recordTopic } from '../support/kafka-clients';
import { type RunningPlatform, startPlatform } from '../support/platform';

/** A simulated day passes in 5 real seconds: R3's 14 days take 70 s, R8's notice 25 s, a pilot week 35 s. */
export const TIME_COMPRESSION = 17_280;

/** S4: how long after closing a case's history may be shredded by the sweep the data-protection scenario runs. */
export const CLOSED_CASE_RETENTION_SECONDS = 2;

/** A topic read into memory from its start. */
export type RecordedTopic = { messages: IncomingMessage[]; stop(): Promise<void> };

/** An event the agencies' side published, as given: what personal data went into the platform. */
export interface PublishedEvent {
  topic: string;
  data: unknown;
}

/** What every end-to-end scenario shares: the platform booted once for the file, and the agencies' side of Kafka. */
export interface E2eContext {
  platform: RunningPlatform;
  /** Publishes as the agencies' systems do. */
  producer: EventProducer;
  /** Every event {@link producer} published in this run, in order (S3: the log check knows what to look for). */
  published: PublishedEvent[];
  /** What the UK sends out, recorded as France, the VAC, the security services, the carriers and the committee would read it. */
  sent: Record<'requests' | 'manifests' | 'presenceRequests' | 'appointments' | 'securityRequests' | 'travel' | 'weeklyReports', RecordedTopic>;
}

/** The events recorded on one outgoing topic, parsed; `Data` is the topic's data type. */
export function eventsOn<Data>(topic: RecordedTopic): { eventId: string; subject: string; data: Data }[] {
  return topic.messages.map((message) => JSON.parse(message.value?.toString() ?? '{}') as { eventId: string; subject: string; data: Data });
}

/**
 * Boots the platform once for the spec file (the services' consumer groups allow one platform per run),
 * and fills in the context the scenarios read when their tests run.
 */
export function useE2eContext(): E2eContext {
  const context = {} as E2eContext;
  beforeAll(async () => {
    // Closed case histories are shredded 2 s after the case closed when the data-protection scenario runs the sweep.
    context.platform = await startPlatform({ timeCompression: TIME_COMPRESSION, retention: { RETENTION_CLOSED_CASE_HISTORIES: `PT${CLOSED_CASE_RETENTION_SECONDS}S` } });
    context.published = [];
    context.producer = recordingPublications(await connectProducer('e2e-agencies'), context.published);
    const [requests, manifests, presenceRequests, appointments, securityRequests, travel, weeklyReports] = await Promise.all(
      [
        Topics.readmissionRequestSent,
        Topics.manifestNotified,
        Topics.presenceRequested,
        Topics.appointmentBooked,
        Topics.securityCheckRequested,
        Topics.travelBooked,
        Topics.weeklyReportPublished,
      ].map((topic) => recordTopic(topic.name)),
    );
    context.sent = { requests, manifests, presenceRequests, appointments, securityRequests, travel, weeklyReports } as E2eContext['sent'];
  }, 180_000);
  afterAll(async () => {
    for (const topic of Object.values(context.sent ?? {})) await topic.stop();
    await context.producer?.disconnect();
    await context.platform?.stop();
  });
  return context;
}

/** The producer, noting the topic and data of each event it publishes into `published`. */
function recordingPublications(producer: EventProducer, published: PublishedEvent[]): EventProducer {
  const publish = producer.publish.bind(producer);
  producer.publish = ((topic, input) => {
    published.push({ topic: topic.name, data: input.data });
    return publish(topic, input);
  }) as EventProducer['publish'];
  return producer;
}
