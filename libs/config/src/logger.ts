/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured fields of a log line. Only opaque ids and technical facts belong here, never personal data (S3). */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A structured logger writing one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Creates a JSON-lines logger for a component; `LOG_LEVEL` sets the minimum level (default `info`). */
export function createLogger(component: string, base: LogFields = {}, sink: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const minimum = LEVEL_ORDER[(process.env['LOG_LEVEL'] as LogLevel | undefined) ?? 'info'] ?? LEVEL_ORDER.info;
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < minimum) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, component, message, ...base, ...fields }));
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger(component, { ...base, ...fields }, sink),
  };
}
