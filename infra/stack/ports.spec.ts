import { createServer } from 'node:net';
import { assertPortFree, isPortOpen } from './ports';

describe('ports', () => {
  it('names the port and how to free it when something already listens there', async () => {
    const server = createServer();
    await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
    const { port } = server.address() as { port: number };
    try {
      expect(await isPortOpen(port)).toBe(true);
      await expect(assertPortFree(port, 'the Kafka broker')).rejects.toMatchObject({
        message: `Port ${port}, needed by the Kafka broker, is already in use.`,
        hint: expect.stringContaining(`sport = :${port}`),
      });
    } finally {
      await new Promise((resolvePromise) => server.close(resolvePromise));
    }
    await expect(assertPortFree(port, 'the Kafka broker')).resolves.toBeUndefined();
  });
});
