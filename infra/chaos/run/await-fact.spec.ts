import { awaitFact } from './await-fact';

describe('awaitFact', () => {
  it('returns the fact as soon as the recorder has it, without asking after the case', async () => {
    let asked = 0;
    const fact = await awaitFact({ lookup: () => 'request-1', hasEnded: async () => (asked += 1) > 0, limitMs: 1_000, endedCheckMs: 0 });
    expect(fact).toBe('request-1');
    expect(asked).toBe(0);
  });

  it('gives up a grace after the case has ended, long before the wait limit (which would outlast the test)', async () => {
    let asked = 0;
    const hasEnded = async () => (asked += 1) > 0;
    const fact = await awaitFact({ lookup: () => undefined, hasEnded, limitMs: 600_000, pollMs: 5, endedCheckMs: 20, afterEndGraceMs: 50 });
    expect(fact).toBeUndefined();
    expect(asked).toBe(1);
  });

  it('still takes a fact that reaches the recorder during the grace after the close', async () => {
    const arrivesAt = Date.now() + 60;
    const fact = await awaitFact({ lookup: () => (Date.now() >= arrivesAt ? 'manifest-2' : undefined), hasEnded: async () => true, limitMs: 60_000, pollMs: 5, endedCheckMs: 10, afterEndGraceMs: 5_000 });
    expect(fact).toBe('manifest-2');
  });

  it('waits the whole limit for a running case, asking after it now and then', async () => {
    let asked = 0;
    const fact = await awaitFact({
      lookup: () => undefined,
      hasEnded: async () => {
        asked += 1;
        return false;
      },
      limitMs: 120,
      pollMs: 5,
      endedCheckMs: 20,
    });
    expect(fact).toBeUndefined();
    expect(asked).toBeGreaterThanOrEqual(2);
  });
});
