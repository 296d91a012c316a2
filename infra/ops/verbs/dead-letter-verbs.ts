import { DeadLetterHeaders, type KafkaTransport } from '@oioo/kafka';
import { type OpsInvocation } from '../ops-arguments';
import { OpsRefusedError } from '../ops-caller';
import { auditedAction, auditedRead } from '../audited-action';
import { redriveMessageOf } from '../dead-letter-redrive';
import { type DeadLetterView, deadLetterSourceTopics, deadLetterTopicFor, matches, summarise, viewOf } from '../dead-letters';
import { table } from '../ops-output';
import { type VerbContext } from '../run-ops';

type DeadLetterInvocation = Extract<OpsInvocation, { verb: 'dlq.list' | 'dlq.show' | 'dlq.redrive' }>;

/** `dlq list|show|redrive` over the cluster's dead-letter topics. */
export async function runDeadLetterVerb(invocation: DeadLetterInvocation, context: VerbContext, kafka: KafkaTransport): Promise<number> {
  const topicOf = (source: string) => {
    try {
      return deadLetterTopicFor(source);
    } catch (error) {
      throw new OpsRefusedError((error as Error).message, 'Give the source topic (without .dlq), as npm run ops -- dlq list shows it.');
    }
  };
  switch (invocation.verb) {
    case 'dlq.list':
      return list(invocation.topic ? [invocation.topic] : deadLetterSourceTopics(), topicOf, context, kafka);
    case 'dlq.show':
      return show(invocation, topicOf(invocation.topic), context, kafka);
    case 'dlq.redrive':
      return redrive(invocation, topicOf(invocation.topic), context, kafka);
  }
}

async function list(sources: string[], topicOf: (source: string) => string, context: VerbContext, kafka: KafkaTransport): Promise<number> {
  const dlqTopics = sources.map(topicOf);
  const perTopic = await auditedRead(context.log, { verb: 'dlq.list', arguments: sources.length === 1 ? { topic: sources[0] ?? '' } : {} }, async () => {
    const read: { topic: string; views: DeadLetterView[] }[] = [];
    for (const topic of dlqTopics) {
      context.output.progress(`dlq: reading ${topic} ...`);
      read.push({ topic, views: (await kafka.readTopic(topic)).map(viewOf) });
    }
    const total = read.reduce((sum, entry) => sum + entry.views.length, 0);
    return { value: read, targets: dlqTopics, detail: `${total} dead letter(s) in ${dlqTopics.length} topic(s)` };
  });
  for (const { topic, views } of perTopic) {
    context.output.line(`${topic}: ${views.length} dead letter(s)${views.some((view) => view.redriveCount > 0) ? `, ${views.filter((view) => view.redriveCount > 0).length} of them failed again after a redrive` : ''}`);
    if (views.length === 0) continue;
    for (const line of table(['COUNT', 'GROUP', 'KIND', 'REASON'], summarise(views).map((entry) => [String(entry.count), entry.group, entry.kind, entry.reason]))) context.output.line(`  ${line}`);
  }
  return 0;
}

/** Payload values are never printed: an event's data is personal data, so only its field names are. */
function describe(view: DeadLetterView): string[] {
  return [
    `${view.ref}  (from ${view.sourceTopic} partition ${view.sourcePartition} offset ${view.sourceOffset})`,
    `  ${DeadLetterHeaders.kind}: ${view.kind}   ${DeadLetterHeaders.consumerGroup}: ${view.consumerGroup}   ${DeadLetterHeaders.failedAt}: ${view.failedAt}${view.attempts ? `   ${DeadLetterHeaders.attempts}: ${view.attempts}` : ''}${view.redriveCount ? `   ${DeadLetterHeaders.redriveCount}: ${view.redriveCount}` : ''}`,
    `  ${DeadLetterHeaders.reason}: ${view.reason}`,
    `  key ${view.key || '(none)'}   event ${view.eventId || '?'} ${view.eventType} at ${view.occurredAt || '?'}   data fields: ${view.dataFields.join(', ') || '(unreadable)'}`,
  ];
}

async function show(invocation: Extract<OpsInvocation, { verb: 'dlq.show' }>, topic: string, context: VerbContext, kafka: KafkaTransport): Promise<number> {
  const views = await auditedRead(context.log, { verb: 'dlq.show', arguments: { topic: invocation.topic, ...(invocation.offset ? { offset: invocation.offset } : {}), limit: invocation.limit } }, async () => {
    context.output.progress(`dlq: reading ${topic} ...`);
    const shown = (await kafka.readTopic(topic)).map(viewOf).filter((view) => matches(view, invocation.offset ? { offset: invocation.offset } : {})).slice(-invocation.limit);
    return { value: shown, targets: shown.map((view) => view.ref), detail: `${shown.length} dead letter(s) shown, headers and ids only` };
  });
  if (views.length === 0) context.output.line(invocation.offset ? `No dead letter at offset ${invocation.offset} of ${topic}.` : `${topic} holds no dead letters.`);
  for (const view of views) for (const line of describe(view)) context.output.line(line);
  return 0;
}

async function redrive(invocation: Extract<OpsInvocation, { verb: 'dlq.redrive' }>, topic: string, context: VerbContext, kafka: KafkaTransport): Promise<number> {
  const filter = { ...(invocation.offset ? { offset: invocation.offset } : {}), ...(invocation.group ? { group: invocation.group } : {}), ...(invocation.kind ? { kind: invocation.kind } : {}), ...(invocation.reasonContains ? { reasonContains: invocation.reasonContains } : {}) };
  const action = {
    verb: 'dlq.redrive' as const,
    arguments: {
      topic: invocation.topic,
      ...(filter.offset ? { offset: filter.offset } : {}),
      ...(filter.group ? { group: filter.group } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.reasonContains ? { 'reason-contains': filter.reasonContains } : {}),
      ...(invocation.all ? { all: true } : {}),
      'dry-run': invocation.dryRun,
      force: invocation.force,
    },
    reason: invocation.reason,
  };
  context.output.progress(`dlq: reading ${topic} ...`);
  const messages = (await kafka.readTopic(topic)).filter((message) => matches(viewOf(message), filter));
  if (messages.length === 0) throw new OpsRefusedError(`No dead letter of ${topic} matches ${JSON.stringify(filter)}.`, 'npm run ops -- dlq show --topic <topic> lists them with their offsets.');

  // A dead letter re-driven before is not sent again unless forced: the operations log knows which were.
  const already = new Set<string>();
  for (const message of messages) {
    const ref = viewOf(message).ref;
    const earlier = await context.log.touching(ref, 'dlq.redrive');
    if (earlier.some((entry) => entry.outcome === 'succeeded')) already.add(ref);
  }
  if (already.size > 0 && !invocation.force) {
    if (invocation.offset || already.size === messages.length) {
      await context.log.record({ ...action, targets: [...already], outcome: 'refused', detail: `already re-driven: ${[...already].join(', ')}` });
      throw new OpsRefusedError(`${[...already].join(', ')} was already re-driven (see GET /api/v1/operations?target=...).`, 'If it failed again it is a new dead letter with its own offset; re-drive that one. To send this one again anyway, add --force.');
    }
    context.output.progress(`dlq: skipping ${already.size} dead letter(s) already re-driven (add --force to send them again): ${[...already].join(', ')}`);
  }
  const chosen = messages.filter((message) => invocation.force || !already.has(viewOf(message).ref));
  const refs = chosen.map((message) => viewOf(message).ref);
  if (invocation.dryRun) {
    await context.log.record({ ...action, targets: refs.slice(0, 1000), outcome: 'dry-run', detail: `${chosen.length} dead letter(s) would be re-driven` });
    for (const message of chosen) for (const line of describe(viewOf(message))) context.output.line(line);
    context.output.progress(`\nDry run: ${chosen.length} dead letter(s) would go back to ${invocation.topic}. Run again without --dry-run to send them.`);
    return 0;
  }
  const producer = kafka.createProducer();
  await producer.connect();
  try {
    const result = await auditedAction(context.log, { ...action, targets: refs }, async () => {
      let sent = 0;
      for (const message of chosen) {
        const view = viewOf(message);
        await producer.send(view.sourceTopic || invocation.topic, [redriveMessageOf(message)]);
        sent += 1;
        context.output.line(`re-driven ${view.ref} → ${view.sourceTopic || invocation.topic} (event ${view.eventId || '?'}, redrive ${view.redriveCount + 1})`);
      }
      return { targets: refs, detail: `${sent} dead letter(s) re-driven to ${invocation.topic}` };
    });
    context.output.progress(`\n${result.detail}. If one fails again it returns to ${topic} with ${DeadLetterHeaders.redriveCount}; nothing re-drives it automatically.`);
    return 0;
  } finally {
    await producer.disconnect();
  }
}
