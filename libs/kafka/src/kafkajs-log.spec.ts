import { createLogger } from '@oioo/config';
import { type LogEntry, logLevel } from 'kafkajs';
import { writeKafkaJsLog } from './kafkajs-log';

/** Writes one kafkajs entry through our logger and returns the JSON line it produced. */
function logged(level: logLevel, log: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  const entry = { namespace: 'Connection', level, label: 'ERROR', log: { timestamp: '', message: 'Response GroupCoordinator(key: 10, version: 2)', ...log } } as LogEntry;
  writeKafkaJsLog(createLogger('kafka', {}, (line) => lines.push(line)), entry);
  return JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
}

describe('kafkajs log entries in our logger', () => {
  it('a coordinator not yet available, which kafkajs retries by itself, is a warning, not an error', () => {
    expect(logged(logLevel.ERROR, { broker: '127.0.0.1:9092', error: 'The group coordinator is not available' })).toMatchObject({
      level: 'warn',
      component: 'kafka',
      kafkaNamespace: 'Connection',
      broker: '127.0.0.1:9092',
      error: 'The group coordinator is not available',
    });
  });

  it('any other error stays an error, with its technical fields only', () => {
    const line = logged(logLevel.ERROR, { broker: '127.0.0.1:9092', error: new Error('Connection timeout'), stack: 'at …', payload: 'secret' });
    expect(line).toMatchObject({ level: 'error', broker: '127.0.0.1:9092', error: 'Connection timeout' });
    expect(line).not.toHaveProperty('stack');
    expect(line).not.toHaveProperty('payload');
  });
});
