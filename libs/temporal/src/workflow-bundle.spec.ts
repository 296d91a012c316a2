import { join, resolve } from 'node:path';
import { DefaultLogger } from '@temporalio/worker';
import { bundleWorkflowsForWorker, findBaseTsconfig, tsconfigPathAliases, webpackAliasesFromPaths } from './workflow-bundle';

const repoRoot = resolve(__dirname, '../../..');

describe('webpackAliasesFromPaths', () => {
  it('maps exact paths with webpack’s exact-match suffix and wildcards as wildcards, relative to baseUrl', () => {
    const aliases = webpackAliasesFromPaths(
      { '@oioo/contracts': ['libs/contracts/src/index.ts'], '@oioo/lib/*': ['libs/*/src', 'vendor/*'] },
      '/repo',
    );
    expect(aliases).toEqual({
      '@oioo/contracts$': ['/repo/libs/contracts/src/index.ts'],
      '@oioo/lib/*': ['/repo/libs/*/src', '/repo/vendor/*'],
    });
  });
});

describe('tsconfigPathAliases', () => {
  it('finds the monorepo tsconfig above this file', () => {
    expect(findBaseTsconfig()).toBe(join(repoRoot, 'tsconfig.base.json'));
  });

  it('builds aliases for the workspace libraries from tsconfig.base.json', () => {
    const aliases = tsconfigPathAliases();
    expect(aliases['@oioo/contracts$']).toEqual([join(repoRoot, 'libs/contracts/src/index.ts')]);
    expect(aliases['@oioo/domain$']).toEqual([join(repoRoot, 'libs/domain/src/index.ts')]);
  });
});

describe('bundleWorkflowsForWorker', () => {
  it('bundles workflow code that imports @oioo/contracts and @oioo/domain', async () => {
    const { code } = await bundleWorkflowsForWorker({
      workflowsPath: require.resolve('./test-fixtures/aliases.workflow'),
      logger: new DefaultLogger('WARN'),
    });
    expect(code).toContain('aliasesWorkflow');
    expect(code).toContain('libs/contracts/src/task-queues.ts');
    expect(code).toContain('libs/domain/src/index.ts');
  }, 60_000);
});
