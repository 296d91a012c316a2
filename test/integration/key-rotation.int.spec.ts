import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { CaseworkAppModule } from '@oioo/casework';
import { type TaskQueue, readmissionWorkflowId } from '@oioo/contracts';
import { runOps } from '@oioo/ops';
import {
  EncryptionCodec,
  type TemporalConfig,
  type TemporalWorker,
  createTemporalClient,
  createTemporalWorker,
  loadTemporalConfig,
  payloadsOfHistory,
  vaultCaseDataKeys,
  writeWorkflowBundle,
} from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';
import { probeReplySignal, probeWaitingQuery, probeWorkflow } from '@oioo/workflows-platform';
import { Sessions } from '../support/people-tokens';
import { workerTokenSource } from '../support/service-tokens';
import { eventually, stackEnv, uniqueOpaqueId } from '../support/stack';

/**
 * One generation of the platform between two rotations: the casework service (the vault) and a worker and
 * client, all with the same key ring, as a deployment rolls out a new TEMPORAL_CODEC_KEYS everywhere.
 */
interface Generation {
  caseworkUrl: string;
  client: Client;
  stop(): Promise<void>;
}

const sessions = new Sessions();
const taskQueue = uniqueOpaqueId('rotation') as TaskQueue;
const savedEnv = { ...process.env };
let dataDir: string;
let bundlePath: string;
const [oldKeyEntry = ''] = (stackEnv()['TEMPORAL_CODEC_KEYS'] ?? '').split(',');
const oldKeyId = oldKeyEntry.split(':')[0] ?? '';
const newKeyId = `rot-${randomBytes(3).toString('hex')}`;
const newKeyEntry = `${newKeyId}:${randomBytes(32).toString('base64')}`;

/** Boots the vault and a worker and client with `keys` (the first listed is active). */
async function generation(keys: string[]): Promise<Generation> {
  process.env['TEMPORAL_CODEC_KEYS'] = keys.join(',');
  process.env['TEMPORAL_CODEC_ACTIVE_KEY'] = (keys[0] ?? '').split(':')[0];
  process.env['DATABASE_DIR'] = dataDir;
  const app: INestApplication = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const caseworkUrl = await app.getUrl();
  const config: TemporalConfig = { ...loadTemporalConfig(process.env), vaultUrl: caseworkUrl };
  const dataKeys = () => {
    const keys = vaultCaseDataKeys(config, workerTokenSource());
    if (keys === undefined) throw new Error('the vault URL was just set');
    return { dataKeys: keys };
  };
  const worker: TemporalWorker = await createTemporalWorker({ config, taskQueue, workflows: { bundlePath }, dataKeys: dataKeys() });
  const running = worker.run();
  const client = await createTemporalClient(config, undefined, dataKeys());
  return {
    caseworkUrl,
    client,
    stop: async () => {
      await client.connection.close();
      worker.worker.shutdown();
      await running;
      await app.close();
    },
  };
}

/** `npm run ops -- <args>` in-process as the seeded SRE against this generation's casework service. */
async function ops(current: Generation, args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const env = { ...stackEnv(), ...process.env, CASEWORK_API_URL: current.caseworkUrl, OPS_ACCESS_TOKEN: await sessions.tokenOf('sam') };
  const code = await runOps(args, { output: { line: (text) => lines.push(text), progress: () => undefined }, environment: () => env });
  return { code, text: lines.join('\n') };
}

async function startCase(client: Client, label: string): Promise<string> {
  const workflowId = readmissionWorkflowId(uniqueOpaqueId('case'));
  const handle = await client.workflow.start(probeWorkflow, { taskQueue, workflowId, args: [{ probeId: label, replyTimeoutMs: 600_000 }] });
  await eventually(() => handle.query(probeWaitingQuery), (waiting) => waiting);
  return workflowId;
}

beforeAll(async () => {
  installQuietTemporalRuntime();
  dataDir = mkdtempSync(join(tmpdir(), 'oioo-rotation-'));
  bundlePath = await writeWorkflowBundle({ workflowsPath: require.resolve('@oioo/workflows-platform'), outFile: join(dataDir, 'workflows.js') });
});

afterAll(() => {
  for (const name of ['TEMPORAL_CODEC_KEYS', 'TEMPORAL_CODEC_ACTIVE_KEY', 'DATABASE_DIR']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('key rotation with cases open (S4)', () => {
  it('S4 old cases still decode after a rotation, new ones use the new key, and the old key is retired once keys status says nothing needs it', async () => {
    // Before the rotation: the stack's key is the only one.
    let current = await generation([oldKeyEntry]);
    const caseA = await startCase(current.client, 'opened-before-rotation');
    await current.stop();

    // The rotation: a new key, active everywhere, the old one still listed.
    current = await generation([newKeyEntry, oldKeyEntry]);
    const caseB = await startCase(current.client, 'opened-after-rotation');
    await expect(current.client.workflow.getHandle(caseA).query(probeWaitingQuery)).resolves.toBe(true);
    const scope = ['--query', `WorkflowId = '${caseA}' OR WorkflowId = '${caseB}'`];
    const before = await ops(current, ['keys', 'status', ...scope]);
    expect(before.code).toBe(0);
    expect(before.text).toMatch(new RegExp(`^${oldKeyId} +1 +0 \\(0\\) +needed$`, 'm'));
    expect(before.text).toMatch(new RegExp(`^${newKeyId} +1 +0 \\(0\\) +active$`, 'm'));
    expect(before.text).toContain('run keys rewrap');

    expect((await ops(current, ['keys', 'rewrap'])).code).toBe(2);
    const rewrap = await ops(current, ['keys', 'rewrap', '--reason', 'rotation of the codec key ring']);
    expect(rewrap.text).toBe(`1 data keys re-wrapped with ${newKeyId}, 0 changed meanwhile and left`);
    const after = await ops(current, ['keys', 'status', ...scope]);
    expect(after.text).toMatch(new RegExp(`^${oldKeyId} +0 +0 \\(0\\) +may be retired$`, 'm'));
    expect(after.text).toMatch(new RegExp(`^${newKeyId} +2 +0 \\(0\\) +active$`, 'm'));
    await current.stop();

    // The old key removed from the ring: both cases finish, and the first one's whole history still reads.
    current = await generation([newKeyEntry]);
    for (const workflowId of [caseA, caseB]) {
      const handle = current.client.workflow.getHandle(workflowId);
      await handle.signal(probeReplySignal, { nonce: `finished ${workflowId}` });
      await expect(handle.result()).resolves.toEqual({ nonce: `finished ${workflowId}` });
    }
    const config = { ...loadTemporalConfig(process.env), vaultUrl: current.caseworkUrl };
    const history = payloadsOfHistory(await current.client.workflow.getHandle(caseA).fetchHistory());
    expect(history.every((payload) => EncryptionCodec.usesCaseDataKey(payload))).toBe(true);
    const plain = (await new EncryptionCodec(config.codec, vaultCaseDataKeys(config, workerTokenSource())).decode(history)).map((payload) => Buffer.from(payload.data ?? new Uint8Array()).toString('utf8'));
    expect(plain.join('\n')).toContain('opened-before-rotation');
    await current.stop();
  });
});
