import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
/** Existing files: the lint rules apply by path, and type-aware rules need a file the TS project knows. */
const WORKFLOW_FILE = join(ROOT, 'workflows', 'readmission', 'src', 'definitions.ts');
const SERVICE_FILE = join(ROOT, 'services', 'transport', 'src', 'app.module.ts');
const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

const snippets = {
  nodeBuiltin: { filePath: WORKFLOW_FILE, code: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" },
  kafkajs: { filePath: WORKFLOW_FILE, code: "import * as m from 'kafkajs';\nexport const x = m;\n" },
  nest: { filePath: WORKFLOW_FILE, code: "import * as m from '@nestjs/common';\nexport const x = m;\n" },
  pg: { filePath: WORKFLOW_FILE, code: "import * as m from 'pg';\nexport const x = m;\n" },
  adapterLib: { filePath: WORKFLOW_FILE, code: "import { loadKafkaConfig } from '@oioo/kafka';\nexport const load = loadKafkaConfig;\n" },
  contractsAndDomain: {
    filePath: WORKFLOW_FILE,
    code: "import { Topics } from '@oioo/contracts';\nimport { requestDeadline } from '@oioo/domain';\nexport const used = [Topics, requestDeadline];\n",
  },
  floatingPromise: { filePath: SERVICE_FILE, code: 'async function work(): Promise<void> {}\nexport function start(): void {\n  work();\n}\n' },
};
let broken: Record<keyof typeof snippets, string[]>;

beforeAll(() => {
  // The module-boundary rule reads Nx's cached project graph; compute it so the rule runs instead of skipping.
  const graph = spawnSync(join(ROOT, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: ROOT, env: NX_ENV });
  expect(graph.status).toBe(0);
  const names = Object.keys(snippets) as (keyof typeof snippets)[];
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
    cwd: ROOT,
    env: NX_ENV,
    input: JSON.stringify(names.map((name) => snippets[name])),
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as string[][];
  broken = Object.fromEntries(names.map((name, index) => [name, results[index] ?? []])) as typeof broken;
}, 120_000);

describe('lint keeps workflow code in the Temporal sandbox', () => {
  it('rejects a Node built-in in workflow code', () => {
    expect(broken.nodeBuiltin).toContain('no-restricted-imports');
  });

  it('rejects kafkajs, NestJS and database clients in workflow code', () => {
    expect(broken.kafkajs).toContain('no-restricted-imports');
    expect(broken.nest).toContain('no-restricted-imports');
    expect(broken.pg).toContain('no-restricted-imports');
  });

  it('rejects a platform adapter library in workflow code (module boundaries: contracts and domain only)', () => {
    expect(broken.adapterLib).toContain('@nx/enforce-module-boundaries');
  });

  it('accepts contracts and domain in workflow code', () => {
    expect(broken.contractsAndDomain).toEqual([]);
  });

  it('flags a floating promise anywhere', () => {
    expect(broken.floatingPromise).toContain('@typescript-eslint/no-floating-promises');
  });
});
