import type { HistoryRecord, RecordOf } from '../history';
import { type InvariantCheck, type InvariantResult, Violations } from './invariant-result';

/** Bit sets over consumer groups (one bit per group, at most 31 groups). */
type GroupMask = number;

/** What happened to one published message, by group. */
interface Delivery {
  published?: Pick<RecordOf<'event-published'>, 'eventKind' | 'eventId' | 'generated' | 'expected' | 'fuzz'>;
  processed: GroupMask;
  duplicate: GroupMask;
  deadLettered: GroupMask;
  deadLetteredWithoutReason: GroupMask;
}

const MAX_GROUPS = 31;

/**
 * Every published event was processed by each consumer group that subscribes to its topic, or is in a
 * dead-letter topic with a reason, never silently dropped; every invalid (fuzz) event was dead-lettered
 * with a reason or dropped as a duplicate, never processed. Joined on topic, partition and offset in one
 * map, so the cost is linear in the history whatever the order of the records.
 */
export class EventDeliveryCheck implements InvariantCheck {
  private readonly groups = new Map<string, number>();
  private readonly subscribers = new Map<string, GroupMask>();
  private readonly deliveries = new Map<string, Delivery>();

  constructor(private readonly maxExamples: number) {}

  observe(record: HistoryRecord): void {
    switch (record.type) {
      case 'run-started':
        for (const subscription of record.subscriptions) {
          const mask = subscription.groups.reduce((bits, group) => bits | this.bit(group), 0);
          this.subscribers.set(subscription.topic, (this.subscribers.get(subscription.topic) ?? 0) | mask);
        }
        return;
      case 'event-published':
        this.delivery(record.topic, record.partition, record.offset).published = {
          eventKind: record.eventKind,
          eventId: record.eventId,
          generated: record.generated,
          expected: record.expected,
          fuzz: record.fuzz,
        };
        return;
      case 'event-consumed': {
        const delivery = this.delivery(record.topic, record.partition, record.offset);
        if (record.outcome === 'processed') delivery.processed |= this.bit(record.group);
        else delivery.duplicate |= this.bit(record.group);
        return;
      }
      case 'dead-lettered': {
        const delivery = this.delivery(record.sourceTopic, record.sourcePartition, record.sourceOffset);
        delivery.deadLettered |= this.bit(record.group);
        if (record.reason.trim() === '') delivery.deadLetteredWithoutReason |= this.bit(record.group);
        return;
      }
      default:
        return;
    }
  }

  results(): InvariantResult[] {
    const delivered = new Violations({ id: 'event-delivered', title: 'every valid event processed by each subscribed group, or dead-lettered with a reason' }, this.maxExamples);
    const contained = new Violations({ id: 'fuzz-contained', title: 'every invalid event dead-lettered with a reason or dropped as a duplicate, never processed' }, this.maxExamples);
    const processedTwice = this.groupsProcessingTwice();
    const onlyCopyProcessed = (published: NonNullable<Delivery['published']>, bit: GroupMask) =>
      published.fuzz === 'duplicate' && published.eventId !== undefined && ((processedTwice.get(published.eventId) ?? 0) & bit) === 0;
    for (const [ref, delivery] of this.deliveries) {
      const published = delivery.published;
      if (!published) continue;
      const topic = ref.slice(0, ref.lastIndexOf('/', ref.lastIndexOf('/') - 1));
      const subscribed = this.subscribers.get(topic) ?? 0;
      const name = () => `${ref} (${published.eventKind}${published.eventId ? ` ${published.eventId}` : ''}${published.fuzz ? `, fuzz ${published.fuzz}` : ''})`;
      const violations = published.generated === 'valid' ? delivered : contained;
      if (published.generated === 'invalid' && subscribed === 0) violations.add(() => `${name()}: no consumer group subscribes to ${topic}`);
      for (const group of this.groupsIn(subscribed)) {
        const bit = this.bit(group);
        if (delivery.deadLetteredWithoutReason & bit) violations.add(() => `${name()}: dead-lettered by ${group} without a reason`);
        else if (published.generated === 'invalid' && delivery.processed & bit && !onlyCopyProcessed(published, bit)) violations.add(() => `${name()}: processed by ${group} (expected ${published.expected})`);
        else if (!((delivery.processed | delivery.duplicate | delivery.deadLettered) & bit)) violations.add(() => `${name()}: silently dropped by ${group}`);
      }
    }
    return [delivered.result(), contained.result()];
  }

  /**
   * By event id, the groups that processed more than one copy of it. A duplicate is contained when its group
   * processed the event once, whichever copy got through: when the first copy was dead-lettered (its handler
   * failed during a fault), the copy the fuzzer sent again is the one processed, and that is no double.
   */
  private groupsProcessingTwice(): Map<string, GroupMask> {
    const once = new Map<string, GroupMask>();
    const twice = new Map<string, GroupMask>();
    for (const delivery of this.deliveries.values()) {
      const eventId = delivery.published?.eventId;
      if (!eventId || delivery.processed === 0) continue;
      const seen = once.get(eventId) ?? 0;
      twice.set(eventId, (twice.get(eventId) ?? 0) | (seen & delivery.processed));
      once.set(eventId, seen | delivery.processed);
    }
    return twice;
  }

  private delivery(topic: string, partition: number, offset: string): Delivery {
    const ref = `${topic}/${partition}/${offset}`;
    let delivery = this.deliveries.get(ref);
    if (!delivery) {
      delivery = { processed: 0, duplicate: 0, deadLettered: 0, deadLetteredWithoutReason: 0 };
      this.deliveries.set(ref, delivery);
    }
    return delivery;
  }

  private bit(group: string): GroupMask {
    let index = this.groups.get(group);
    if (index === undefined) {
      index = this.groups.size;
      if (index >= MAX_GROUPS) throw new Error(`more than ${MAX_GROUPS} consumer groups in the history`);
      this.groups.set(group, index);
    }
    return 1 << index;
  }

  private groupsIn(mask: GroupMask): string[] {
    return [...this.groups.keys()].filter((group) => (mask & this.bit(group)) !== 0);
  }
}
