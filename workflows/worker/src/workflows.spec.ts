import { cachedWorkflowBundle } from '@oioo/testing';
import { WORKFLOWS_ENTRY } from './worker';

/** The modules webpack put in the bundle, by their path from the repository root. */
async function bundledModules(): Promise<string[]> {
  const { code } = await cachedWorkflowBundle(WORKFLOWS_ENTRY);
  return [...code.matchAll(/^\/\*{3}\/ "(\.\/(?:libs|workflows|node_modules)\/[^"]+)"$/gm)].map((match) => match[1] as string);
}

describe('the production workflow bundle', () => {
  it('S3 holds the workflows and the lean contracts entry, and nothing built with zod (its modules run again for every workflow run)', async () => {
    const modules = await bundledModules();

    expect(modules).toEqual(expect.arrayContaining(['./workflows/readmission/src/readmission-case.workflow.ts', './libs/contracts/src/workflow.ts', './libs/contracts/src/workflow-ids.ts']));
    expect(modules.filter((path) => path.includes('/node_modules/zod/'))).toEqual([]);
    expect(modules.filter((path) => path.startsWith('./libs/contracts/src/') && !['workflow', 'opaque-id', 'workflow-ids', 'task-queues', 'search-attributes', 'pilot'].some((lean) => path === `./libs/contracts/src/${lean}.ts`))).toEqual([]);
  }, 120_000);
});
