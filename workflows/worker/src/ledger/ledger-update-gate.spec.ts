import { UpdateGate } from './ledger-update-gate';

/** A call that stays in flight until released, recording how many were in flight with it. */
function heldCalls() {
  let inFlight = 0;
  let mostInFlight = 0;
  const releases: (() => void)[] = [];
  const started: number[] = [];
  const call = (index: number) => async () => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    started.push(index);
    await new Promise<void>((resolvePromise) => releases.push(resolvePromise));
    inFlight -= 1;
    return index;
  };
  return { call, releases, started, mostInFlight: () => mostInFlight };
}

describe('the gate on the ledger’s Updates', () => {
  it('lets at most its limit run at once, starts the others in the order they came, and loses none', async () => {
    const gate = new UpdateGate(3);
    const calls = heldCalls();
    const results = Array.from({ length: 10 }, (_, index) => gate.run(calls.call(index)));
    await new Promise((resolvePromise) => setImmediate(resolvePromise));
    expect(calls.started).toEqual([0, 1, 2]);

    while (calls.started.length < 10 || calls.releases.length > 0) {
      calls.releases.shift()?.();
      await new Promise((resolvePromise) => setImmediate(resolvePromise));
    }

    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(calls.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(calls.mostInFlight()).toBe(3);
  });

  it('frees the slot of a call that fails', async () => {
    const gate = new UpdateGate(1);
    await expect(gate.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
