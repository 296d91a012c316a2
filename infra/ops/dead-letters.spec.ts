import { DeadLetterHeaders, EventHeaders, type IncomingMessage } from '@oioo/kafka';
import { redriveMessageOf } from './dead-letter-redrive';
import { deadLetterTopicFor, matches, summarise, viewOf } from './dead-letters';

function deadLetter(offset: string, headers: Record<string, string>, data: Record<string, unknown> = { caseId: 'case_0123456789', personId: 'per_0123456789' }): IncomingMessage {
  return {
    topic: 'legal.challenge.lodged.v1.dlq',
    partition: 0,
    offset,
    key: Buffer.from('case_0123456789'),
    value: Buffer.from(JSON.stringify({ eventId: 'evt-1', type: 'legal.challenge.lodged.v1', occurredAt: '2026-12-06T10:00:00.000Z', data })),
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)])),
    timestamp: '0',
  };
}

const failed = {
  [EventHeaders.eventId]: 'evt-1',
  [DeadLetterHeaders.reason]: 'case case_0123456789 does not exist yet',
  [DeadLetterHeaders.kind]: 'handler-failed',
  [DeadLetterHeaders.sourceTopic]: 'legal.challenge.lodged.v1',
  [DeadLetterHeaders.sourcePartition]: '2',
  [DeadLetterHeaders.sourceOffset]: '41',
  [DeadLetterHeaders.failedAt]: '2026-12-06T10:00:01.000Z',
  [DeadLetterHeaders.consumerGroup]: 'legal-review',
  [DeadLetterHeaders.attempts]: '5',
};

describe('dead letters as operators see them', () => {
  it('shows headers, key and envelope ids, and of the data only its field names', () => {
    const view = viewOf(deadLetter('7', failed));
    expect(view).toMatchObject({ ref: 'legal.challenge.lodged.v1.dlq/0/7', sourcePartition: '2', sourceOffset: '41', kind: 'handler-failed', consumerGroup: 'legal-review', eventId: 'evt-1', dataFields: ['caseId', 'personId'], redriveCount: 0 });
    expect(JSON.stringify(view)).not.toContain('per_0123456789');
  });

  it('filters by offset, group, kind and reason text, and counts by group, kind and reason', () => {
    const views = [viewOf(deadLetter('1', failed)), viewOf(deadLetter('2', failed)), viewOf(deadLetter('3', { ...failed, [DeadLetterHeaders.kind]: 'rejected', [DeadLetterHeaders.reason]: 'no request' }))];
    expect(views.filter((view) => matches(view, { reasonContains: 'DOES NOT EXIST' })).map((view) => view.offset)).toEqual(['1', '2']);
    expect(views.filter((view) => matches(view, { kind: 'rejected', group: 'legal-review' })).map((view) => view.offset)).toEqual(['3']);
    expect(summarise(views)).toEqual([
      { group: 'legal-review', kind: 'handler-failed', reason: 'case case_0123456789 does not exist yet', count: 2 },
      { group: 'legal-review', kind: 'rejected', reason: 'no request', count: 1 },
    ]);
  });

  it('re-drives the original key, value and headers without the last failure, counting redrives and naming the dead letter', () => {
    const first = redriveMessageOf(deadLetter('7', failed));
    expect(first.key?.toString()).toBe('case_0123456789');
    expect(JSON.parse(String(first.value))).toMatchObject({ eventId: 'evt-1' });
    expect(Object.fromEntries(Object.entries(first.headers ?? {}).map(([name, value]) => [name, String(value)]))).toEqual({
      [EventHeaders.eventId]: 'evt-1',
      [DeadLetterHeaders.redriveCount]: '1',
      [DeadLetterHeaders.redrivenFrom]: 'legal.challenge.lodged.v1.dlq/0/7',
    });
    const again = redriveMessageOf(deadLetter('9', { ...failed, [DeadLetterHeaders.redriveCount]: '1' }));
    expect(String(again.headers?.[DeadLetterHeaders.redriveCount])).toBe('2');
  });

  it('knows which topics have a dead-letter topic and names the others', () => {
    expect(deadLetterTopicFor('legal.challenge.lodged.v1')).toBe('legal.challenge.lodged.v1.dlq');
    expect(() => deadLetterTopicFor('equivalence.weekly-report.published.v1')).toThrow(/has no dead-letter topic/);
  });
});
