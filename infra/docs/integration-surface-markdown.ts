import { DeadLetterHeaders, EventHeaders } from '@oioo/kafka';
import { REGENERATE_COMMAND } from './asyncapi';
import { fieldRows, type FieldRow } from './schema-summary';
import { deadLetterHeaderDescriptions, deadLetterKindDescriptions, eventHeaderDescriptions } from './surface-descriptions';
import { formatRetention, plural, type IntegrationSurface, type SurfaceTopic } from './surface-model';
import { envelopeSchema, keySchema } from './surface-schemas';

/** Renders the human overview of the integration surface: the topic table, then each topic's data fields. */
export function renderIntegrationSurfaceMarkdown(surface: IntegrationSurface): string {
  const sections = [
    `<!-- Generated from libs/contracts by infra/docs/write-asyncapi.ts; do not edit. Regenerate: ${REGENERATE_COMMAND} -->`,
    '# Integration surface',
    'Every Kafka topic of the UK–France "one in, one out" pilot, generated from the topic catalogue (`libs/contracts/src/topics.ts`). ' +
      'The same facts, machine-readable: [`asyncapi.json`](asyncapi.json) (AsyncAPI 3.0).',
    `Topic names read \`<context>.<entity>.<event>.v<N>\`. Keys are the event's subject, an opaque id matching \`${String(keySchema().pattern)}\`, never a name (S3). ` +
      'Values are JSON envelopes (below) whose `data` depends on the topic. Each consumed topic has a dead-letter topic `<topic>.dlq`.',
    '## Topics',
    topicTable(surface.topics),
    '## Parties',
    partyTable(surface),
    '## Envelope',
    'Every value is this JSON object; its `type` and `schemaVersion` must match the topic it is on.',
    fieldTable(fieldRows(envelopeSchema())),
    '## Headers',
    headerTable(),
    '`dlq-kind` is one of:',
    Object.entries(deadLetterKindDescriptions)
      .map(([kind, meaning]) => `- \`${kind}\`: ${meaning}`)
      .join('\n'),
    '## Topic data',
    ...surface.topics.flatMap(topicSection),
  ];
  return `${sections.join('\n\n')}\n`;
}

function topicTable(topics: readonly SurfaceTopic[]): string {
  return table(
    ['Topic', 'Producers', 'Consumers', 'Partitions', 'Retention', 'Dead-letter topic', 'Description'],
    topics.map((topic) => [
      `[\`${topic.name}\`](#${headingAnchor(topic.name)})`,
      list(topic.producers),
      list(topic.consumers),
      String(topic.partitions),
      formatRetention(topic.retentionMs),
      topic.deadLetter ? `\`${topic.deadLetter.name}\` (${plural(topic.deadLetter.partitions, 'partition')}, ${formatRetention(topic.deadLetter.retentionMs)})` : '—',
      topic.description,
    ]),
  );
}

function partyTable(surface: IntegrationSurface): string {
  const code = (names: readonly string[]) => (names.length === 0 ? '—' : names.map((name) => `\`${name}\``).join(', '));
  return table(
    ['Party', 'Publishes', 'Consumes', 'Dead-letters to'],
    surface.parties.map((party) => [party.name, code(party.publishes), code(party.consumes), code(party.deadLetters)]),
  );
}

function headerTable(): string {
  const eventRows = (Object.keys(EventHeaders) as (keyof typeof EventHeaders)[]).map((key) => [
    `\`${EventHeaders[key]}\``,
    'every event',
    eventHeaderDescriptions[key],
  ]);
  const kinds = Object.keys(deadLetterKindDescriptions).map((kind) => `\`${kind}\``);
  const deadLetterRows = (Object.keys(DeadLetterHeaders) as (keyof typeof DeadLetterHeaders)[]).map((key) => [
    `\`${DeadLetterHeaders[key]}\``,
    'dead letters',
    key === 'kind' ? `${deadLetterHeaderDescriptions[key]} One of ${kinds.join(', ')}, explained below.` : deadLetterHeaderDescriptions[key],
  ]);
  return table(['Header', 'On', 'Meaning'], [...eventRows, ...deadLetterRows]);
}

function topicSection(topic: SurfaceTopic): string[] {
  const facts = [
    `- Producers: ${list(topic.producers)}; consumers: ${list(topic.consumers)}.`,
    `- ${plural(topic.partitions, 'partition')}, kept ${formatRetention(topic.retentionMs)}; envelope \`type\` \`${topic.name}\`, \`schemaVersion\` ${topic.version}.`,
    topic.deadLetter ? `- Dead letters go to \`${topic.deadLetter.name}\`.` : '- Nobody consumes it, so it has no dead-letter topic.',
  ];
  const rows = fieldRows(topic.dataSchema);
  return [
    `### ${topic.name}`,
    topic.description,
    facts.join('\n'),
    rows.length > 0 ? fieldTable(rows) : 'Its `data` has no fields.',
  ];
}

function fieldTable(rows: readonly FieldRow[]): string {
  return table(
    ['Field', 'Type', 'Required', 'Description'],
    rows.map((row) => [`\`${row.path}\``, row.type, row.required ? 'yes' : 'no', row.description || '—']),
  );
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '—' : names.join(', ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Keeps a cell on one line and its pipes from splitting it; GitHub honours `\|` even inside code spans. */
function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_` dropped, spaces to dashes. */
function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
