import { Topics } from '@oioo/contracts';
import { EventHeaders } from '@oioo/kafka';
import { type FuzzItem, type PublishedMessage } from '../fuzz';
import { type HistoryWriter, opaqueRef } from '../history';
import { FactBook, type MaterialisedEvent, type PublishAction } from '../workload';
import { type ChaosKafka } from './chaos-kafka';

/** A message the run published, as the end-of-run reading of consumption needs it. */
export interface PublishedRef {
  topic: string;
  partition: number;
  offset: string;
  eventId?: string;
}

/** The platform's outgoing topics whose events the workload waits for (their references fill agencies' replies). */
export const AWAITED_FACT_TOPICS = [
  Topics.readmissionRequestSent,
  Topics.manifestNotified,
  Topics.presenceRequested,
  Topics.appointmentBooked,
  Topics.securityCheckRequested,
  Topics.travelBooked,
].map((topic) => topic.name);

/** Messages kept for the fuzzer to duplicate: recent ones are enough, and memory stays bounded on a long run. */
const KEPT_FOR_DUPLICATES = 2_000;

/**
 * What the run publishes and learns, recorded as it happens: every event the broker acknowledged
 * (`event-published`, with partition and offset from the ack), the platform's facts in a `FactBook`, the
 * cases opened so far (for the fuzzer's out-of-order facts) and the messages the fuzzer may send again.
 */
export class RunRecorder {
  readonly facts = new FactBook();
  readonly published: PublishedRef[] = [];
  readonly recentMessages: PublishedMessage[] = [];
  /** Cases that valid events must open, for the fuzzer's out-of-order facts about real cases. */
  readonly caseIds: string[] = [];
  readonly eoiIds: string[] = [];
  /** Every case id a valid arrival named (second records too, R11): where the final state looks for workflows. */
  readonly arrivalCaseIds = new Set<string>();
  /** R11: the case of each biometric template's first record, so a second record can wait for it (in memory only, never recorded). */
  /** R11: each crossing's first record by its biometric template: its case, and its crossing time once published. */
  private readonly firstRecordOf = new Map<string, { caseId: string; arrivedAt?: string }>();

  constructor(
    readonly history: HistoryWriter,
    readonly kafka: ChaosKafka,
  ) {}

  /** Starts noting the platform's outgoing facts, read from their topics' start. */
  async watchFacts(): Promise<void> {
    await this.kafka.follow(AWAITED_FACT_TOPICS, (message) => {
      try {
        this.facts.note(message.topic, JSON.parse(message.value?.toString('utf8') ?? '{}') as { data: unknown });
      } catch {
        // A fact the platform published that is not JSON would be the platform's bug; the checker sees its consequences.
      }
    });
  }

  /** Publishes a workload event and records it once acknowledged; an arrival (not a second record, R11) or an EOI names the case it must open. */
  async publishEvent(action: PublishAction, event: MaterialisedEvent): Promise<void> {
    const placement = await this.kafka.publish(event.topic, { key: event.key, value: event.value, headers: event.headers });
    const opens =
      action.step === 'arrival' ? { caseKind: 'readmission' as const, caseId: action.flow.id } : action.step === 'eoi-submitted' ? { caseKind: 'eoi' as const, caseId: action.flow.id } : undefined;
    const sameCrossingAs = action.step === 'arrival-second-record' ? this.firstRecordCase(action) : undefined;
    await this.history.append({
      type: 'event-published',
      topic: event.topic,
      ...placement,
      eventId: event.envelope.eventId,
      subject: event.envelope.subject,
      eventKind: eventKindOf(event.topic),
      generated: 'valid',
      ...(opens ? { opens } : {}),
      ...(sameCrossingAs ? { sameCrossingAs } : {}),
    });
    this.published.push({ topic: event.topic, ...placement, eventId: event.envelope.eventId });
    if (action.step === 'arrival') {
      const first = this.firstRecordOf.get(biometricTemplateOf(action));
      if (first) first.arrivedAt = String((event.envelope.data as { arrivedAt?: unknown }).arrivedAt);
    }
    if (action.flow.kind === 'readmission' && action.step.startsWith('arrival')) this.arrivalCaseIds.add(action.flow.id);
    if (opens?.caseKind === 'readmission') this.caseIds.push(opens.caseId);
    if (opens?.caseKind === 'eoi') this.eoiIds.push(opens.caseId);
    this.recentMessages.push({ topic: event.topic, key: event.key, value: event.value, headers: event.headers });
    if (this.recentMessages.length > KEPT_FOR_DUPLICATES) this.recentMessages.splice(0, this.recentMessages.length - KEPT_FOR_DUPLICATES);
  }

  /** R11: notes a first record when the schedule is read (before it is published), so a second record published concurrently finds it. */
  noteFirstRecord(action: PublishAction): void {
    if (action.step === 'arrival') this.firstRecordOf.set(biometricTemplateOf(action), { caseId: action.flow.id });
  }

  /** R11: the case the first record of the same crossing opens, for a second record. */
  firstRecordCase(secondRecord: PublishAction): string | undefined {
    return this.firstRecordOf.get(biometricTemplateOf(secondRecord))?.caseId;
  }

  /** R11: the crossing time the first record of the same crossing was published with, which a second record repeats. */
  firstRecordArrivedAt(secondRecord: PublishAction): string | undefined {
    return this.firstRecordOf.get(biometricTemplateOf(secondRecord))?.arrivedAt;
  }

  /** Publishes a fuzzed (invalid) event as it is and records it with what must become of it. */
  async publishFuzz(item: FuzzItem): Promise<void> {
    const placement = await this.kafka.publish(item.topic, { key: item.key, value: item.value, headers: item.headers });
    const eventId = opaqueOrUndefined(item.headers[EventHeaders.eventId]);
    const subject = opaqueOrUndefined(item.key ?? undefined);
    await this.history.append({
      type: 'event-published',
      topic: item.topic,
      ...placement,
      ...(eventId ? { eventId } : {}),
      ...(subject ? { subject } : {}),
      eventKind: eventKindOf(item.topic),
      generated: 'invalid',
      expected: item.expected.outcome,
      fuzz: item.mutation,
    });
    this.published.push({ topic: item.topic, ...placement, ...(eventId ? { eventId } : {}) });
  }
}

/** `arrival-recorded` of `border-force.arrival.recorded.v1`. */
export function eventKindOf(topic: string): string {
  return topic.split('.').slice(1, 3).join('-');
}

function opaqueOrUndefined(value: string | undefined): string | undefined {
  return value !== undefined && opaqueRef.safeParse(value).success ? value : undefined;
}

function biometricTemplateOf(action: PublishAction): string {
  return String((action.envelope.data as { biometricTemplate?: unknown }).biometricTemplate);
}
