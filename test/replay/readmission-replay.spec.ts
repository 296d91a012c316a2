import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { cachedWorkflowBundle, installQuietTemporalRuntime, readHistoryFile } from '@oioo/testing';
import { WORKFLOWS_ENTRY } from '@oioo/worker';

const HISTORIES_DIR = join(__dirname, 'histories');
const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

describe('replay of recorded histories against the current workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    installQuietTemporalRuntime();
    const history = readHistoryFile(join(HISTORIES_DIR, file));
    // The worker's own bundle entry: the code production workers run.
    await Worker.runReplayHistory({ workflowBundle: await cachedWorkflowBundle(WORKFLOWS_ENTRY) }, history, file);
  });
});
