import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterHeaders } from '@oioo/kafka';
import { HistoryWriter, readHistory } from '../history';
import { type ReadMessage } from './chaos-kafka';
import { platformSubscriptions, recordConsumption } from './kafka-outcomes';

const arrivals = 'border-force.arrival.recorded.v1';

/** What Kafka holds at the end of a run, as the chaos client reads it. */
function kafkaHolding(committed: Record<string, Record<number, string>>, deadLetters: Record<string, ReadMessage[]>) {
  return {
    readToEnd: async (topic: string) => deadLetters[topic] ?? [],
    committedOffsets: async (group: string, topic: string) => new Map(Object.entries(committed[`${group}|${topic}`] ?? {}).map(([partition, offset]) => [Number(partition), offset])),
  };
}

describe('recordConsumption', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-outcomes-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('turns dead letters, committed offsets and repeated event ids into dead-lettered and event-consumed records', async () => {
    const history = await HistoryWriter.create(join(dir, 'history.jsonl'));
    const published = [
      { topic: arrivals, partition: 0, offset: '10', eventId: 'evt-1' },
      { topic: arrivals, partition: 0, offset: '11' },
      { topic: arrivals, partition: 0, offset: '12', eventId: 'evt-1' },
      { topic: arrivals, partition: 0, offset: '13', eventId: 'evt-2' },
    ];
    const deadLetter: ReadMessage = {
      topic: `${arrivals}.dlq`,
      partition: 0,
      offset: '3',
      value: null,
      headers: {
        [DeadLetterHeaders.sourceTopic]: arrivals,
        [DeadLetterHeaders.sourcePartition]: '0',
        [DeadLetterHeaders.sourceOffset]: '11',
        [DeadLetterHeaders.consumerGroup]: 'identity',
        [DeadLetterHeaders.kind]: 'invalid',
        [DeadLetterHeaders.reason]: 'data.caseId: Required',
      },
    };
    const subscriptions = platformSubscriptions().filter((subscription) => subscription.topic === arrivals);
    // identity committed up to offset 13 (exclusive): the message at 13 is not yet handled.
    await recordConsumption(kafkaHolding({ [`identity|${arrivals}`]: { 0: '13' } }, { [`${arrivals}.dlq`]: [deadLetter] }), history, published, subscriptions);
    await history.close();
    const records = (await readHistory(join(dir, 'history.jsonl'))).map(({ seq: _seq, at: _at, ...record }) => record);
    expect(records).toEqual([
      { type: 'dead-lettered', group: 'identity', sourceTopic: arrivals, sourcePartition: 0, sourceOffset: '11', dlqTopic: `${arrivals}.dlq`, dlqPartition: 0, dlqOffset: '3', reason: 'data.caseId: Required', kind: 'invalid' },
      { type: 'event-consumed', group: 'identity', topic: arrivals, partition: 0, offset: '10', eventId: 'evt-1', outcome: 'processed' },
      { type: 'event-consumed', group: 'identity', topic: arrivals, partition: 0, offset: '12', eventId: 'evt-1', outcome: 'duplicate' },
    ]);
  });

  it('names every platform consumer group of the topics the services consume', () => {
    expect(platformSubscriptions()).toContainEqual({ topic: arrivals, groups: ['identity'] });
    expect(platformSubscriptions().every((subscription) => subscription.groups.every((group) => ['identity', 'legal-review', 'transport'].includes(group)))).toBe(true);
  });
});
