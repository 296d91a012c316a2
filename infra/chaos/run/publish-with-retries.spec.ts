import { publishWithRetries } from './publish-with-retries';

describe('publishWithRetries', () => {
  it('sends again after a refused publish until the broker acknowledges it', async () => {
    const outcomes = [new Error('connect ECONNREFUSED'), undefined];
    let calls = 0;
    await publishWithRetries(async () => {
      const outcome = outcomes[calls++];
      if (outcome) throw outcome;
    }, 10_000);
    expect(calls).toBe(2);
  });

  it('gives up with the last error once another try would pass the limit', async () => {
    let calls = 0;
    await expect(
      publishWithRetries(async () => {
        calls += 1;
        throw new Error('The producer is disconnected');
      }, 500),
    ).rejects.toThrow('The producer is disconnected');
    expect(calls).toBe(1);
  });
});
