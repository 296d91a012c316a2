/** One value of a person's data a test put into the platform, with what it is (the kind names it in a failure; the value never is). */
export interface PersonalValue {
  /** What the value is, e.g. `familyName` or `biometricTemplate`: safe to print. */
  kind: string;
  value: string;
}

/** A log line that holds personal data: where it is, which logger wrote it, its message, and what kinds of value it holds. */
export interface PersonalDataInLog {
  /** 1-based position among the lines checked. */
  lineNumber: number;
  /** The JSON line's `component` (with its `feature` or `role` when it has one), or `(not JSON)`. */
  logger: string;
  /** The JSON line's `message`, or `(not JSON)`; personal values in it are masked. */
  message: string;
  kinds: string[];
}

/** Values shorter than this are only matched as whole words: a three-letter nationality code must not match inside `SERIALIZE`. */
const WHOLE_WORD_BELOW = 8;
/** Values shorter than this are too short to tell apart from ordinary text, and are not looked for. */
const SHORTEST = 3;

/**
 * S3: finds every log line holding one of `values` (case-sensitive; short values as whole words), and names each
 * by its logger and message, never by the values themselves, so the failure report leaks nothing either.
 */
export function findPersonalDataInLogs(lines: readonly string[], values: readonly PersonalValue[]): PersonalDataInLog[] {
  const matchers = distinct(values)
    .filter(({ value }) => value.length >= SHORTEST)
    .map(({ kind, value }) => ({ kind, value, pattern: value.length < WHOLE_WORD_BELOW ? new RegExp(`(?<![\\p{L}\\p{N}_])${escape(value)}(?![\\p{L}\\p{N}_])`, 'u') : undefined }));
  const found: PersonalDataInLog[] = [];
  lines.forEach((line, index) => {
    const held = matchers.filter(({ value, pattern }) => (pattern ? pattern.test(line) : line.includes(value)));
    if (held.length === 0) return;
    const { logger, message } = describeLine(line);
    found.push({ lineNumber: index + 1, logger, message: held.reduce((text, { kind, value }) => text.split(value).join(`[${kind}]`), message), kinds: [...new Set(held.map(({ kind }) => kind))] });
  });
  return found;
}

/** A failure message listing each offending line by number, logger, message and kinds of personal value. */
export function describePersonalDataInLogs(found: readonly PersonalDataInLog[]): string {
  return found.map((leak) => `line ${leak.lineNumber}: ${leak.logger}: "${leak.message}" holds ${leak.kinds.join(', ')}`).join('\n');
}

function describeLine(line: string): { logger: string; message: string } {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      const part = fields['feature'] ?? fields['role'];
      return { logger: `${String(fields['component'] ?? '(no component)')}${part === undefined ? '' : `/${String(part)}`}`, message: String(fields['message'] ?? '(no message)') };
    }
  } catch {
    // Not a JSON line (a framework writing text): named as such, its text is not repeated.
  }
  return { logger: '(not JSON)', message: '(not JSON)' };
}

function distinct(values: readonly PersonalValue[]): PersonalValue[] {
  const seen = new Map<string, PersonalValue>();
  for (const value of values) if (!seen.has(value.value)) seen.set(value.value, value);
  return [...seen.values()];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
