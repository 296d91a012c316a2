import { runOps } from './run-ops';

/** The command with an output it records and an environment no verb should ever need for help or a usage mistake. */
async function run(args: string[]) {
  const lines: string[] = [];
  const progress: string[] = [];
  const code = await runOps(args, {
    output: { line: (text) => lines.push(text), progress: (text) => progress.push(text) },
    environment: () => {
      throw new Error('help and usage mistakes must not need a stack');
    },
  });
  return { code, out: lines.join('\n'), err: progress.join('\n') };
}

describe('npm run ops without a stack', () => {
  it('prints the overview of every verb', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const verb of ['stuck', 'dlq list', 'dlq show', 'dlq redrive', 'bulk signal|cancel|terminate', 'replay']) expect(out).toContain(verb);
    expect(out).toContain('docs/operations.md');
  });

  it('prints one verb\'s usage with --help', async () => {
    const { code, out } = await run(['dlq', 'redrive', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run ops -- dlq redrive/);
    expect(out).toContain('OPS_ACCESS_TOKEN');
  });

  it('answers a usage mistake with what is wrong and the verb\'s usage, exit code 2', async () => {
    const { code, err } = await run(['bulk', 'terminate', '--query', "CaseKind = 'eoi'"]);
    expect(code).toBe(2);
    expect(err).toContain('✖ A --reason is required');
    expect(err).toContain('Usage: npm run ops -- bulk terminate');
  });
});
