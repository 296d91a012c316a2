import { open, type FileHandle } from 'node:fs/promises';
import { type HistoryRecord, type HistoryRecordInput, historyRecordSchema } from './history-record';

/** Options of a history writer; tests set the clock. */
export interface HistoryWriterOptions {
  now?: () => Date;
}

/**
 * Appends records to a new JSON Lines history file. `seq` is stamped when `append` is called, and lines
 * reach the file in that order: the stamp and the queueing happen in one synchronous step, so producers
 * on many async paths cannot interleave. Lines queued in the same tick go to the file in one write.
 */
export class HistoryWriter {
  private nextSeq = 1;
  private queued: string[] = [];
  private batch: Promise<void> | undefined;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly now: () => Date,
  ) {}

  /** Creates the file (refusing one that exists: a history is never appended to by a second run). */
  static async create(path: string, options: HistoryWriterOptions = {}): Promise<HistoryWriter> {
    return new HistoryWriter(await open(path, 'ax'), options.now ?? (() => new Date()));
  }

  /** Stamps, validates and queues a record; resolves with it once its line is written. Throws at once on an invalid record. */
  append(input: HistoryRecordInput): Promise<HistoryRecord> {
    if (this.closed) throw new Error('the history is closed');
    const record = historyRecordSchema.parse({ ...input, seq: this.nextSeq, at: this.now().toISOString() });
    this.nextSeq += 1;
    this.queued.push(`${JSON.stringify(record)}\n`);
    return this.scheduleWrite().then(() => record);
  }

  /** Resolves when every queued line is written and synced to disk. */
  async flush(): Promise<void> {
    await this.tail;
    await this.file.sync();
  }

  /** Flushes and closes the file; later appends throw. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.file.close();
  }

  private scheduleWrite(): Promise<void> {
    if (this.batch) return this.batch;
    // The batch takes every line queued until it starts, after the previous batch has been written.
    const batch = this.tail.then(async () => {
      const chunk = this.queued.join('');
      this.queued = [];
      this.batch = undefined;
      await this.file.appendFile(chunk, 'utf8');
    });
    this.batch = batch;
    this.tail = batch;
    return batch;
  }
}
