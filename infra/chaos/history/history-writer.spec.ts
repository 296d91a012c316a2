import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HistoryRecordInput } from './history-record';
import { readHistory } from './history-reader';
import { HistoryWriter } from './history-writer';

const started: HistoryRecordInput = {
  type: 'run-started',
  runId: 'run_writer',
  seed: 'seed-7',
  settings: { arrivalsPerDay: 110, compressed: true },
  versions: { git: 'abc1234', kafka: '3.9.1' },
  subscriptions: [{ topic: 'border-force.arrival.recorded.v1', groups: ['identity'] }],
};

function consumedAt(offset: number, group: string): HistoryRecordInput {
  return { type: 'event-consumed', group, topic: 'border-force.arrival.recorded.v1', partition: offset % 6, offset: String(offset), eventId: `evt_${offset}`, outcome: 'processed' };
}

describe('HistoryWriter and readHistory', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaos-history-'));
    path = join(dir, 'history.jsonl');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON record per line, stamped with seq and time, and reads them back as written', async () => {
    let tick = Date.parse('2026-03-02T09:00:00.000Z');
    const writer = await HistoryWriter.create(path, { now: () => new Date((tick += 1000)) });
    const written = [
      await writer.append(started),
      await writer.append({ type: 'fault-injected', faultId: 'fault_1', kind: 'kill-broker', target: 'kafka-2', parameters: { pauseMs: 5000 } }),
      await writer.append({ type: 'run-ended', outcome: 'completed' }),
    ];
    await writer.close();
    expect(written.map((record) => [record.seq, record.at])).toEqual([
      [1, '2026-03-02T09:00:01.000Z'],
      [2, '2026-03-02T09:00:02.000Z'],
      [3, '2026-03-02T09:00:03.000Z'],
    ]);
    expect(await readHistory(path)).toEqual(written);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(4);
  });

  it('keeps seq in file order when many async producers append at once', async () => {
    const writer = await HistoryWriter.create(path);
    await writer.append(started);
    const producers = Array.from({ length: 8 }, async (_, producer) => {
      for (let n = 0; n < 250; n += 1) {
        await writer.append(consumedAt(producer * 1000 + n, `group-${producer}`));
        if (n % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await Promise.all(producers);
    await writer.close();
    const records = await readHistory(path);
    expect(records).toHaveLength(2001);
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 2001 }, (_, index) => index + 1));
    // Each producer's own records stay in the order it appended them.
    const offsetsOfProducer3 = records.filter((record) => record.type === 'event-consumed' && record.group === 'group-3').map((record) => (record.type === 'event-consumed' ? Number(record.offset) : -1));
    expect(offsetsOfProducer3).toEqual(Array.from({ length: 250 }, (_, n) => 3000 + n));
  });

  it('refuses an invalid record at once, without using up a seq', async () => {
    const writer = await HistoryWriter.create(path);
    await writer.append(started);
    expect(() => writer.append({ ...consumedAt(1, 'identity'), group: 'Jane Doe' } as HistoryRecordInput)).toThrow(/opaque id/);
    const next = await writer.append(consumedAt(1, 'identity'));
    await writer.close();
    expect(next.seq).toBe(2);
  });

  it('never overwrites an existing history, and refuses appends once closed', async () => {
    await writeFile(path, 'earlier run\n');
    await expect(HistoryWriter.create(path)).rejects.toMatchObject({ code: 'EEXIST' });
    const other = join(dir, 'other.jsonl');
    const writer = await HistoryWriter.create(other);
    await writer.close();
    expect(() => writer.append(started)).toThrow('the history is closed');
  });

  it('flush resolves once every appended line is on disk', async () => {
    const writer = await HistoryWriter.create(path);
    void writer.append(started);
    void writer.append(consumedAt(0, 'identity'));
    await writer.flush();
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(2);
    await writer.close();
  });
});
