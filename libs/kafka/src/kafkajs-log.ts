import { type LogFields, type Logger } from '@oioo/config';
import { type LogEntry, logLevel as KafkaJsLogLevel } from 'kafkajs';

/** Fields of kafkajs log entries that are technical facts; anything else (stacks, payloads) stays out of logs. */
const LOGGED_FIELDS = ['broker', 'clientId', 'groupId', 'memberId', 'topic', 'partition', 'offset', 'retryCount', 'retryTime'] as const;

/**
 * Errors kafkajs logs at error level on a response and then retries by itself: a broker that has just
 * started, or a group coordinator moving. Logged as warnings so an alert on errors means something.
 */
const RETRIED_BY_KAFKAJS = new Set([
  'The group coordinator is not available',
  'The coordinator is loading and hence can\'t process requests',
  'This is not the correct coordinator for this group',
]);

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
  if (level === KafkaJsLogLevel.ERROR && !RETRIED_BY_KAFKAJS.has(String(fields['error']))) logger.error(log.message, fields);
  else if (level === KafkaJsLogLevel.ERROR || level === KafkaJsLogLevel.WARN) logger.warn(log.message, fields);
  else logger.info(log.message, fields);
}
