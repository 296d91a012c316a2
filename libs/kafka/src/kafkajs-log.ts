import { type LogFields, type Logger } from '@oioo/config';
import { type LogEntry, logLevel as KafkaJsLogLevel } from 'kafkajs';

/** Fields of kafkajs log entries that are technical facts; anything else (stacks, payloads) stays out of logs. */
const LOGGED_FIELDS = ['broker', 'clientId', 'groupId', 'memberId', 'topic', 'partition', 'offset', 'retryCount', 'retryTime'] as const;

/**
 * Errors kafkajs logs at error level on a response and then retries by itself while a broker starts,
 * a group coordinator is elected or moves, or a fresh topic's partitions get their leader. Expected at
 * start-up, so each is said once per process, at info and saying so; an alert on errors then means something.
 */
const EXPECTED_WHILE_STARTING = new Set([
  'The group coordinator is not available',
  'The coordinator is loading and hence can\'t process requests',
  'This is not the correct coordinator for this group',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  'This server does not host this topic-partition',
  'The group is rebalancing, so a rejoin is needed',
]);

/** The expected errors already said in this process: each is said once. */
const alreadySaid = new Set<string>();
/** What became of the last consumer crash: an expected one said now, or one already said; the restart line that follows goes the same way. */
let lastCrash: 'error' | 'said' | 'silent' = 'error';

/** Routes a kafkajs log entry into our JSON logger (kafkajs is set to warn and above). */
export function writeKafkaJsLog(logger: Logger, { namespace, level, log }: LogEntry): void {
  const fields: LogFields = { kafkaNamespace: namespace };
  for (const name of LOGGED_FIELDS) {
    const value: unknown = log[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
  }
  const error: unknown = log['error'];
  if (error instanceof Error) fields['error'] = error.message;
  else if (typeof error === 'string') fields['error'] = error;
  const errorText = String(fields['error']);
  // kafkajs names the error in `error` on a response, and only in the message of a consumer crash.
  const expected = [...EXPECTED_WHILE_STARTING].find((text) => errorText.startsWith(text) || log.message.includes(text));
  if (log.message.startsWith('Crash: ')) lastCrash = expected === undefined ? 'error' : alreadySaid.has(expected) ? 'silent' : 'said';
  if (log.message.startsWith('Restarting the consumer') && lastCrash !== 'error') {
    if (lastCrash === 'said') logger.info(`${log.message}, after the expected error above`, { ...fields, expected: true });
  } else if (expected !== undefined) {
    if (alreadySaid.has(expected)) return;
    alreadySaid.add(expected);
    const said = fields['error'] === undefined ? log.message : `${log.message}: ${errorText}`;
    logger.info(`${said}. Expected while the broker, a group coordinator or a new topic's leader is starting; kafkajs retries by itself, and this is said once`, {
      ...fields,
      expected: true,
    });
  } else if (level === KafkaJsLogLevel.ERROR) logger.error(log.message, fields);
  else if (level === KafkaJsLogLevel.WARN) logger.warn(log.message, fields);
  else logger.info(log.message, fields);
}

/** Forgets which expected errors were said, so a test can see the first one again. */
export function resetExpectedKafkaJsErrors(): void {
  alreadySaid.clear();
  lastCrash = 'error';
}
