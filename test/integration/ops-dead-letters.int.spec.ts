import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type ChallengeLodgedData, Topics, deadLetterTopicOf } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { DeadLetterHeaders, EventConsumer, type EventProducer, type IncomingMessage, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { OpsRefusedError } from '@oioo/ops';
import { connectProducer } from '../support/kafka-clients';
import { type OpsHarness, startOpsHarness } from '../support/ops-harness';
import { Sessions } from '../support/people-tokens';
import { eventually, stackEnv, uniqueOpaqueId } from '../support/stack';

const topic = Topics.challengeLodged;
const dlqTopic = deadLetterTopicOf(topic.name);
const groupId = `ops-it-${randomUUID()}`;
const sessions = new Sessions();
let harness: OpsHarness;
let producer: EventProducer;
let consumer: EventConsumer;
const kafka = createKafkaJsTransport({ config: loadKafkaConfig(stackEnv()), clientId: 'ops-it-reader' });

/**
 * A consumer written the way the services write theirs: a challenge about a case it does not know yet fails
 * (so it is retried, then dead-lettered), and an event id it has handled already is dropped as a duplicate.
 * Only this file's cases (their ids carry its prefix) are looked at; other tests' events pass by.
 */
const knownCases = new Set<string>();
const handled: string[] = [];
const prefix = uniqueOpaqueId('case').slice(0, 18);

async function onChallengeLodged(event: EventEnvelope<ChallengeLodgedData>): Promise<void> {
  if (!event.data.caseId.startsWith(prefix)) return;
  if (handled.includes(event.eventId)) return;
  if (!knownCases.has(event.data.caseId)) throw new Error(`case ${event.data.caseId} does not exist yet`);
  handled.push(event.eventId);
}

/** This file's dead letters of one event, oldest first. */
async function deadLettersOf(eventId: string): Promise<IncomingMessage[]> {
  const all = await kafka.readTopic(dlqTopic);
  return all.filter((message) => message.headers[DeadLetterHeaders.consumerGroup]?.toString() === groupId && message.value?.toString().includes(eventId));
}

async function lodgeChallenge(caseId: string): Promise<{ eventId: string; personId: string }> {
  const personId = uniqueOpaqueId('per');
  const event = await producer.publish(topic, {
    subject: caseId,
    source: 'uk-courts',
    occurredAt: new Date(),
    data: { challengeId: uniqueOpaqueId('chl'), caseId, personId, kind: 'injunction', lodgedAt: new Date().toISOString() },
  });
  return { eventId: event.eventId, personId };
}

beforeAll(async () => {
  harness = await startOpsHarness();
  producer = await connectProducer('ops-it');
  const transport = createKafkaJsTransport({ config: loadKafkaConfig(stackEnv()), clientId: 'ops-it-consumer' });
  consumer = new EventConsumer({ transport: transport.createConsumer({ groupId }), deadLetters: producer, groupId, maxAttempts: 2, retryBackoffMs: 50, fromBeginning: true, logger: createLogger('ops-it') });
  consumer.register(topic, onChallengeLodged);
  await consumer.start();
  await consumer.waitUntilJoined(60_000);
}, 90_000);

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await harness?.stop();
});

describe('npm run ops -- dlq on the real broker', () => {
  it('a dead letter is re-driven once its cause is fixed and handled once; the same dead letter again is refused', async () => {
    const sam = await sessions.tokenOf('sam');
    const caseId = `${prefix}A${Date.now().toString(36).toUpperCase()}`;
    const { eventId, personId } = await lodgeChallenge(caseId);
    const [deadLetter] = await eventually(() => deadLettersOf(eventId), (found) => found.length === 1);
    expect(deadLetter?.headers[DeadLetterHeaders.kind]?.toString()).toBe('handler-failed');

    const list = await harness.ops(['dlq', 'list', '--topic', topic.name], sam);
    expect(list.text).toMatch(new RegExp(`${dlqTopic.replace(/\./g, '\\.')}: \\d+ dead letter`));
    expect(list.text).toContain(groupId);
    const show = await harness.ops(['dlq', 'show', '--topic', topic.name, '--offset', deadLetter?.offset ?? ''], sam);
    expect(show.text).toContain(`event ${eventId}`);
    expect(show.text).toContain('data fields: caseId, challengeId, kind, lodgedAt, personId');
    // The event's data is personal data: show names its fields, never their values (the key, an opaque case id, is shown).
    expect(show.text).not.toContain(personId);

    knownCases.add(caseId);
    const redrive = await harness.ops(['dlq', 'redrive', '--topic', topic.name, '--offset', deadLetter?.offset ?? '', '--reason', 'the case exists now'], sam);
    expect(redrive.code).toBe(0);
    await eventually(async () => handled.filter((id) => id === eventId).length, (count) => count === 1);

    const again = harness.ops(['dlq', 'redrive', '--topic', topic.name, '--offset', deadLetter?.offset ?? '', '--reason', 'once more'], sam);
    await expect(again).rejects.toThrow(OpsRefusedError);
    await expect(harness.ops(['dlq', 'redrive', '--topic', topic.name, '--offset', deadLetter?.offset ?? '', '--reason', 'once more'], sam)).rejects.toThrow(/already re-driven/);
    // Forced, it is sent again; the consumer knows the event id and drops it.
    await harness.ops(['dlq', 'redrive', '--topic', topic.name, '--offset', deadLetter?.offset ?? '', '--reason', 'forced copy', '--force'], sam);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(handled.filter((id) => id === eventId)).toHaveLength(1);
    expect(await deadLettersOf(eventId)).toHaveLength(1);

    const log = await fetch(`${harness.caseworkUrl}/api/v1/operations?verb=dlq.redrive&target=${encodeURIComponent(`${dlqTopic}/${deadLetter?.partition}/${deadLetter?.offset}`)}`, { headers: { authorization: `Bearer ${sam}` } });
    const entries = ((await log.json()) as { items: { outcome: string; actorName: string; reason?: string }[] }).items;
    expect(entries.map((entry) => entry.outcome).reverse()).toEqual(['started', 'succeeded', 'refused', 'refused', 'started', 'succeeded']);
    expect(entries.every((entry) => entry.actorName === 'Sam Sato')).toBe(true);
  }, 120_000);

  it('a re-driven event that fails again goes back to the dead-letter topic with its redrive count, and stays there', async () => {
    const sam = await sessions.tokenOf('sam');
    const { eventId } = await lodgeChallenge(`${prefix}B${Date.now().toString(36).toUpperCase()}`);
    const [first] = await eventually(() => deadLettersOf(eventId), (found) => found.length === 1);
    const dry = await harness.ops(['dlq', 'redrive', '--topic', topic.name, '--all', '--group', groupId, '--reason-contains', 'does not exist yet', '--reason', 'try again', '--dry-run'], sam);
    expect(dry.text).toContain(`event ${eventId}`);

    await harness.ops(['dlq', 'redrive', '--topic', topic.name, '--offset', first?.offset ?? '', '--reason', 'cause not fixed yet'], sam);
    const letters = await eventually(() => deadLettersOf(eventId), (found) => found.length === 2);
    const second = letters[1];
    expect(second?.headers[DeadLetterHeaders.redriveCount]?.toString()).toBe('1');
    expect(second?.headers[DeadLetterHeaders.redrivenFrom]?.toString()).toBe(`${dlqTopic}/${first?.partition}/${first?.offset}`);
    // Nothing sends it round again on its own.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await deadLettersOf(eventId)).toHaveLength(2);
  }, 120_000);
});
