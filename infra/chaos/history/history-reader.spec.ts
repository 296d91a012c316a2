import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryFormatError, readHistory } from './history-reader';

const line = (record: object) => JSON.stringify(record);
const start = { type: 'run-started', seq: 1, at: '2026-03-02T09:00:00.000Z', runId: 'run_r', seed: 1, settings: {}, versions: {}, subscriptions: [] };
const end = { type: 'run-ended', seq: 2, at: '2026-03-02T09:00:01.000Z', outcome: 'completed' };

describe('readHistory', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-reader-'));
    path = join(dir, 'history.jsonl');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function readError(content: string): Promise<HistoryFormatError> {
    await writeFile(path, content);
    const error = await readHistory(path).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof HistoryFormatError)) throw new Error(`expected a HistoryFormatError, got ${String(error)}`);
    return error;
  }

  it('names the line number of a line that is not JSON (a record cut short when the recorder was killed)', async () => {
    const error = await readError(`${line(start)}\n${line(end).slice(0, 25)}\n`);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^.*history\.jsonl line 2: not JSON/);
  });

  it('names the line and the field of a record that breaks its schema', async () => {
    const error = await readError(`${line(start)}\n${line({ ...end, outcome: 'exploded' })}\n`);
    expect(error.line).toBe(2);
    expect(error.problem).toMatch(/^not a valid record \(outcome: /);
  });

  it('names a line of an unknown record type', async () => {
    const error = await readError(`${line(start)}\n${line({ ...end, type: 'coffee-break' })}\n`);
    expect(error).toMatchObject({ line: 2 });
    expect(error.problem).toMatch(/type/);
  });

  it('names a line whose seq does not increase', async () => {
    const error = await readError(`${line(start)}\n${line({ ...end, seq: 1 })}\n`);
    expect(error).toMatchObject({ line: 2, problem: 'seq 1 does not follow seq 1' });
  });

  it('names an empty line', async () => {
    const error = await readError(`${line(start)}\n\n${line(end)}\n`);
    expect(error.line).toBe(2);
  });
});
