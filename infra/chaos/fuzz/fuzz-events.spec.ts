import { createHash } from 'node:crypto';
import { deadLetterTopicOf } from '@oioo/contracts';
import { readEvent } from '@oioo/kafka';
import { generateWorkload, materialiseAction, topicNamed } from '../workload';
import { MAX_FUZZ_VALUE_BYTES } from './bad-event-arbitraries';
import { FUZZED_TOPICS } from './base-events';
import { fuzzEvents } from './fuzz-events';
import { FUZZ_MUTATIONS, type FuzzItem, type PublishedMessage } from './fuzz-item';

/** Intake events of a short workload, as the runner would have published them (nothing to bind). */
function publishedIntake(): PublishedMessage[] {
  const messages: PublishedMessage[] = [];
  for (const action of generateWorkload({ seed: 77, days: 3, lifecycles: false })) {
    if (action.kind !== 'publish') continue;
    const event = materialiseAction(action);
    messages.push({ topic: event.topic, key: event.key, value: event.value, headers: event.headers });
  }
  return messages;
}

const fingerprint = (item: FuzzItem) => `${item.topic}|${item.key}|${item.mutation}|${createHash('sha256').update(item.value).digest('hex')}`;

describe('fuzzEvents', () => {
  const published = publishedIntake();
  const options = { seed: 1234, published, realCaseIds: ['case_REAL0000000001'], realEoiIds: ['eoi_REAL00000000001'] };
  let sample: FuzzItem[];
  beforeAll(() => {
    sample = [...fuzzEvents({ ...options, count: 4000 })];
  });

  it('gives the same items for the same seed, and different ones for another seed', () => {
    const again = [...fuzzEvents({ ...options, count: 300 })];
    expect(again.map(fingerprint)).toEqual(sample.slice(0, 300).map(fingerprint));
    const other = [...fuzzEvents({ ...options, seed: 4321, count: 300 })];
    expect(other.map(fingerprint)).not.toEqual(again.map(fingerprint));
  });

  it('makes every kind of bad event, each on a topic the platform consumes, under the broker’s size limit', () => {
    expect(new Set(sample.map((item) => item.mutation))).toEqual(new Set(FUZZ_MUTATIONS));
    for (const item of sample) {
      expect(FUZZED_TOPICS).toContain(item.topic);
      expect(item.value.length).toBeLessThanOrEqual(MAX_FUZZ_VALUE_BYTES);
      expect(item.headers['chaos-fuzz']).toBe(item.mutation);
      if (item.expected.outcome === 'dead-letter') expect(item.expected.deadLetterTopic).toBe(deadLetterTopicOf(item.topic));
    }
  });

  it('every item labelled invalid fails the consumers’ own reading of its topic, with a reason', () => {
    const invalid = sample.filter((item) => item.expected.outcome === 'dead-letter' && item.expected.kind === 'invalid');
    expect(invalid.length).toBeGreaterThan(2500);
    for (const item of invalid) {
      const read = readEvent(topicNamed(item.topic), item.value);
      if (read.ok) throw new Error(`${item.mutation} (${item.description}) on ${item.topic} was read as a valid event`);
      expect(read.reason.length).toBeGreaterThan(0);
    }
  });

  it('out-of-order facts and duplicates are valid events, left to the handlers to refuse or drop', () => {
    const handled = sample.filter((item) => item.mutation === 'out-of-order' || item.mutation === 'duplicate');
    expect(handled.length).toBeGreaterThan(300);
    for (const item of handled) {
      const read = readEvent(topicNamed(item.topic), item.value);
      expect(read.ok).toBe(true);
      if (item.expected.outcome === 'duplicate' && read.ok) expect(read.event.eventId).toBe(item.expected.originalEventId);
      if (item.mutation === 'out-of-order') expect(item.expected).toEqual({ outcome: 'dead-letter', kind: 'rejected', deadLetterTopic: deadLetterTopicOf(item.topic) });
    }
    expect(handled.filter((item) => item.mutation === 'out-of-order').some((item) => item.value.includes('case_REAL0000000001') || item.value.includes('eoi_REAL00000000001'))).toBe(true);
  });

  it('prototype-pollution keys never reach Object.prototype when read as the consumers read them', () => {
    const polluting = sample.filter((item) => item.mutation === 'prototype-pollution');
    expect(polluting.length).toBeGreaterThan(100);
    expect(new Set(polluting.map((item) => item.description.replace(/.* under /, '')))).toEqual(new Set(['__proto__', 'constructor', 'prototype']));
    for (const item of polluting) {
      expect(readEvent(topicNamed(item.topic), item.value).ok).toBe(false);
      JSON.parse(item.value.toString('utf8'));
    }
    const probe: Record<string, unknown> = {};
    expect(probe['polluted']).toBeUndefined();
    expect(probe['isAdmin']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('makes no duplicates when it is given no published messages', () => {
    const items = [...fuzzEvents({ seed: 5, count: 500 })];
    expect(items.some((item) => item.mutation === 'duplicate')).toBe(false);
  });

  it('streams 100,000 items one at a time, keeping none', () => {
    const counts = new Map<string, number>();
    let bytes = 0;
    let count = 0;
    for (const item of fuzzEvents({ ...options, count: 100_000 })) {
      counts.set(item.mutation, (counts.get(item.mutation) ?? 0) + 1);
      bytes += item.value.length;
      count += 1;
    }
    expect(count).toBe(100_000);
    expect(counts.size).toBe(FUZZ_MUTATIONS.length);
    // Far more bytes went through than a test process could hold at once: they were never all alive together.
    expect(bytes).toBeGreaterThan(100_000 * 5_000);
    const lazy = fuzzEvents({ ...options, count: Number.MAX_SAFE_INTEGER });
    expect(lazy.next().done).toBe(false);
  });
});
