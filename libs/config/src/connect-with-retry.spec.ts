import { connectWithRetry } from './connect-with-retry';

describe('connectWithRetry', () => {
  it('waits for a server that is briefly away: tries again with growing pauses until the connection opens', async () => {
    let attempts = 0;
    const pauses: number[] = [];
    const retries: string[] = [];
    const connection = await connectWithRetry(
      async () => {
        attempts += 1;
        if (attempts < 4) throw new Error('transport error');
        return 'connected';
      },
      { sleep: async (ms) => void pauses.push(ms), onRetry: (attempt, error) => void retries.push(`${attempt}: ${error.message}`) },
    );
    expect(connection).toBe('connected');
    expect(pauses).toEqual([500, 1_000, 2_000]);
    expect(retries).toEqual(['1: transport error', '2: transport error', '3: transport error']);
  });

  it('fails the start with the last error once the server has stayed away too long', async () => {
    let attempts = 0;
    await expect(
      connectWithRetry(
        async () => {
          attempts += 1;
          throw new Error(`refused ${attempts}`);
        },
        { withinMs: 1_200, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), onRetry: () => undefined },
      ),
    ).rejects.toThrow('refused 2');
  });
});
