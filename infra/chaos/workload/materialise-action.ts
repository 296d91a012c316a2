import { type EventEnvelope, type TopicDefinition, Topics, topicCatalogue } from '@oioo/contracts';
import { EventHeaders, envelopeSchemaOf } from '@oioo/kafka';
import { type AwaitedFact, type Binding, type PublishAction } from './workload-actions';

/** Values a platform fact provides to the events waiting for it. */
export type FactValues = Partial<Record<Binding['from'], string>> & { departsAt?: string };

/** A Kafka message ready to send: what `EventProducer.publish` would have sent for the envelope. */
export interface MaterialisedEvent {
  topic: string;
  key: string;
  envelope: EventEnvelope<unknown>;
  value: string;
  headers: Record<string, string>;
}

/** How {@link materialiseAction} fills a planned publish. */
export interface MaterialiseOptions {
  /** The awaited platform fact's values. */
  fact?: FactValues;
  /** The moment of publishing: the action's timestamps are set to it. */
  now?: Date;
  /** Timestamps that must keep an earlier event's value rather than `now` (R11: a second record of a crossing carries the crossing's time). */
  keepTimes?: readonly { path: readonly (string | number)[]; value: string }[];
}

/**
 * Turns a planned publish into the message to send: fills the platform's references from the awaited fact,
 * sets the timestamps to `now` (the platform runs on its own, compressed clock, so the schedule's simulated
 * instants would read as long past) except those to keep, and validates the result against the topic's
 * envelope schema again.
 */
export function materialiseAction(action: PublishAction, options: MaterialiseOptions = {}): MaterialisedEvent {
  const envelope = structuredClone(action.envelope) as unknown as Record<string, unknown>;
  for (const binding of action.bindings) {
    const value = options.fact?.[binding.from];
    if (value === undefined) throw new Error(`${action.step} of ${action.flow.id} needs ${binding.from} from ${action.awaits?.fact ?? 'a platform fact'}, which was not given`);
    setPath(envelope, binding.path, value);
  }
  if (options.now) for (const path of action.timePaths) setPath(envelope, path, options.now.toISOString());
  for (const kept of options.keepTimes ?? []) setPath(envelope, kept.path, kept.value);
  const topic = topicNamed(action.topic);
  const parsed = envelopeSchemaOf(topic).safeParse(envelope);
  if (!parsed.success) throw new Error(`${action.step} of ${action.flow.id} is not a valid ${action.topic} event once bound: ${parsed.error.message}`);
  const event = parsed.data as EventEnvelope<unknown>;
  return { topic: action.topic, key: action.key, envelope: event, value: JSON.stringify(event), headers: { [EventHeaders.eventId]: event.eventId, [EventHeaders.eventType]: event.type } };
}

/** The catalogued topic of a name. */
export function topicNamed(name: string): TopicDefinition {
  const topic = topicCatalogue.find((candidate) => candidate.name === name);
  if (!topic) throw new Error(`${name} is not in the topic catalogue`);
  return topic;
}

function setPath(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

/**
 * The platform facts seen so far, read from the events the platform published, so the runner can tell
 * whether an action's awaited fact exists yet and what it provides. A movement counts once per case
 * however often its manifest is re-sent; a case's second movement (after a no-show) is its attempt 2.
 */
export class FactBook {
  private readonly facts = new Map<string, FactValues>();
  private readonly movementsOfCase = new Map<string, string[]>();

  /** Notes one event the platform published on `topic`. */
  note(topic: string, event: Pick<EventEnvelope<unknown>, 'data'>): void {
    const data = event.data as Record<string, unknown>;
    switch (topic) {
      case Topics.readmissionRequestSent.name:
        this.facts.set(`readmission-request|${String(data['caseId'])}|${String(data['requestNumber'])}`, { requestReference: String(data['requestReference']) });
        break;
      case Topics.manifestNotified.name:
        for (const { caseId } of data['passengers'] as { caseId: string }[]) {
          const movements = this.movementsOfCase.get(caseId) ?? [];
          if (!movements.includes(String(data['movementId']))) movements.push(String(data['movementId']));
          this.movementsOfCase.set(caseId, movements);
          this.facts.set(`manifest|${caseId}|${movements.indexOf(String(data['movementId'])) + 1}`, { movementId: String(data['movementId']), departsAt: String(data['departsAt']) });
        }
        break;
      case Topics.presenceRequested.name:
        this.facts.set(`presence-request|${String(data['eoiId'])}`, {});
        break;
      case Topics.appointmentBooked.name:
        this.facts.set(`appointment|${String(data['eoiId'])}`, { appointmentReference: String(data['appointmentReference']) });
        break;
      case Topics.securityCheckRequested.name:
        this.facts.set(`security-check-request|${String(data['eoiId'])}`, { checkReference: String(data['checkReference']) });
        break;
      case Topics.travelBooked.name:
        this.facts.set(`travel|${String(data['eoiId'])}`, { travelReference: String(data['travelReference']), arrivalPort: String(data['arrivalPort']), departsAt: String(data['departsAt']) });
        break;
      default:
        break;
    }
  }

  /** What the awaited fact provides, or undefined while the platform has not published it. */
  lookup(awaited: AwaitedFact): FactValues | undefined {
    switch (awaited.fact) {
      case 'readmission-request':
        return this.facts.get(`readmission-request|${awaited.caseId}|${awaited.requestNumber}`);
      case 'manifest':
        return this.facts.get(`manifest|${awaited.caseId}|${awaited.attempt}`);
      default:
        return this.facts.get(`${awaited.fact}|${awaited.eoiId}`);
    }
  }
}
