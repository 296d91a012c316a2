import { checkHistory } from './history-checker';
import { consumed, deadLettered, buildHistory, healthyScenario, published, topics } from './test-support/healthy-run';
import { invariantOf, violated } from './test-support/violations-of';

describe('every published event processed or dead-lettered', () => {
  it('holds when each event was processed, dropped as a duplicate or dead-lettered with a reason by each subscribed group', () => {
    const result = checkHistory(buildHistory(healthyScenario()));
    expect(invariantOf(result, 'event-delivered').violations).toBe(0);
    expect(invariantOf(result, 'fuzz-contained').violations).toBe(0);
  });

  it('names a valid event silently dropped by one of its two groups', () => {
    const run = healthyScenario();
    run.subscriptions.push({ topic: topics.handovers, groups: ['ledger-feed'] });
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'event-delivered': 1 });
    expect(invariantOf(result, 'event-delivered').examples).toEqual([`${topics.handovers}/0/0 (handover-confirmed evt_handover_0): silently dropped by ledger-feed`]);
  });

  it('holds when the consumer record comes before the publisher record (the join does not depend on order)', () => {
    const run = healthyScenario();
    run.during.push(consumed('transport', topics.handovers, 1), published(topics.handovers, 1));
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});
  });

  it('accepts a valid event dead-lettered with a reason, and names one dead-lettered without', () => {
    const run = healthyScenario();
    run.during.push(published(topics.handovers, 1), deadLettered('transport', topics.handovers, 1, 'handler failed 5 times: movement unknown'));
    run.during.push(published(topics.handovers, 2), deadLettered('transport', topics.handovers, 2, '  '));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'event-delivered': 1 });
    expect(invariantOf(result, 'event-delivered').examples).toEqual([`${topics.handovers}/0/2 (handover-confirmed evt_handover_2): dead-lettered by transport without a reason`]);
  });

  it('names a fuzzed event that a group processed as if it were valid', () => {
    const run = healthyScenario();
    run.during.push(published(topics.arrivals, 4, { eventId: undefined, generated: 'invalid', expected: 'dead-letter', fuzz: 'prototype-pollution' }), consumed('identity', topics.arrivals, 4));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'fuzz-contained': 1 });
    expect(invariantOf(result, 'fuzz-contained').examples).toEqual([`${topics.arrivals}/0/4 (arrival-recorded, fuzz prototype-pollution): processed by identity (expected dead-letter)`]);
  });

  it('accepts a duplicate processed when the first copy was dead-lettered, and names one processed beside the first', () => {
    const run = healthyScenario();
    const copy = { generated: 'invalid', expected: 'duplicate', fuzz: 'duplicate' } as const;
    run.during.push(published(topics.arrivals, 6, { eventId: 'evt_first_failed' }), deadLettered('identity', topics.arrivals, 6, 'Handler failed 5 time(s); last error: fetch failed'));
    run.during.push(published(topics.arrivals, 7, { eventId: 'evt_first_failed', ...copy }), consumed('identity', topics.arrivals, 7));
    expect(violated(checkHistory(buildHistory(run)))).toEqual({});

    run.during.push(published(topics.arrivals, 8, { eventId: 'evt_twice' }), consumed('identity', topics.arrivals, 8));
    run.during.push(published(topics.arrivals, 9, { eventId: 'evt_twice', ...copy }), consumed('identity', topics.arrivals, 9));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'fuzz-contained': 1 });
    expect(invariantOf(result, 'fuzz-contained').examples).toEqual([`${topics.arrivals}/0/9 (arrival-recorded evt_twice, fuzz duplicate): processed by identity (expected duplicate)`]);
  });

  it('names a fuzzed event silently dropped', () => {
    const run = healthyScenario();
    run.during.push(published(topics.arrivals, 5, { eventId: undefined, generated: 'invalid', expected: 'dead-letter', fuzz: 'deep-nesting' }));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'fuzz-contained': 1 });
    expect(invariantOf(result, 'fuzz-contained').examples).toEqual([`${topics.arrivals}/0/5 (arrival-recorded, fuzz deep-nesting): silently dropped by identity`]);
  });

  it('names a fuzzed event published to a topic no group consumes', () => {
    const run = healthyScenario();
    run.during.push(published('france.readmission.replied.v1', 0, { eventId: undefined, generated: 'invalid', expected: 'dead-letter', fuzz: 'wrong-topic' }));
    const result = checkHistory(buildHistory(run));
    expect(violated(result)).toEqual({ 'fuzz-contained': 1 });
    expect(invariantOf(result, 'fuzz-contained').examples).toEqual([
      'france.readmission.replied.v1/0/0 (readmission-replied, fuzz wrong-topic): no consumer group subscribes to france.readmission.replied.v1',
    ]);
  });
});
