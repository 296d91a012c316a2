import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { type HistoryRecord, historyRecordSchema } from './history-record';

/** A line of the history that is not a valid record, named by its number (1-based). */
export class HistoryFormatError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${path} line ${line}: ${problem}`);
    this.name = 'HistoryFormatError';
  }
}

/** Reads a history one record at a time, in constant memory; throws a HistoryFormatError at the first malformed line. */
export async function* streamHistory(path: string): AsyncGenerator<HistoryRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let lastSeq = 0;
  for await (const line of lines) {
    lineNumber += 1;
    const record = parseLine(path, lineNumber, line);
    if (record.seq <= lastSeq) throw new HistoryFormatError(path, lineNumber, `seq ${record.seq} does not follow seq ${lastSeq}`);
    lastSeq = record.seq;
    yield record;
  }
}

/** Reads a whole history into memory (tests and small runs; the CLI streams). */
export async function readHistory(path: string): Promise<HistoryRecord[]> {
  const records: HistoryRecord[] = [];
  for await (const record of streamHistory(path)) records.push(record);
  return records;
}

function parseLine(path: string, lineNumber: number, line: string): HistoryRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new HistoryFormatError(path, lineNumber, `not JSON (${(error as Error).message})`);
  }
  const parsed = historyRecordSchema.safeParse(value);
  if (!parsed.success) throw new HistoryFormatError(path, lineNumber, describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`);
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
  return `not a valid record (${issues.join('; ')}${more})`;
}
