import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createLogger } from '@oioo/config';
import { type Database, loadMigrations, openPgliteDatabase, runMigrations } from '@oioo/database';
import { type CodecKeyRing, newDataKey, unwrapDataKey, wrapDataKey } from '@oioo/temporal';
import { DataKeyVault } from './data-key-vault.repository';

let db: Database;
let vault: DataKeyVault;
const ringK1: CodecKeyRing = { activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) };
const ringK2: CodecKeyRing = { activeKeyId: 'k2', keys: new Map([...ringK1.keys, ['k2', randomBytes(32)]]) };

beforeAll(async () => {
  db = await openPgliteDatabase({ schema: 'casework' });
});

beforeEach(async () => {
  await db.exec('DROP SCHEMA IF EXISTS casework CASCADE');
  await runMigrations(db, { schema: 'casework', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: createLogger('test', {}, () => undefined) });
  vault = new DataKeyVault(db);
});

afterAll(async () => {
  await db?.close();
});

describe('the data-key vault', () => {
  it('S4: keeps the first key written for a case, so processes racing on its first payload agree', async () => {
    const candidates = [1, 2, 3].map(() => wrapDataKey(ringK1, 'readmission:case_R1', newDataKey()));
    const answers = await Promise.all(candidates.map((candidate) => vault.createIfAbsent(candidate)));
    const kept = answers.map((answer) => (answer.state === 'active' ? answer.key.wrappedKey : 'destroyed'));
    expect(new Set(kept).size).toBe(1);
    expect(candidates.map((candidate) => candidate.wrappedKey)).toContain(kept[0]);
  });

  it('S4: destroying a key deletes it, answers per case, is idempotent and forbids a new key for the case', async () => {
    await vault.createIfAbsent(wrapDataKey(ringK1, 'readmission:case_R1', newDataKey()));
    const first = await vault.destroy(['readmission:case_R1', 'eoi:eoi_NEVER'], 'retention', 'svc-worker');
    expect(first).toEqual({ destroyed: ['readmission:case_R1'], alreadyDestroyed: [], unknown: ['eoi:eoi_NEVER'] });
    expect(await vault.destroy(['readmission:case_R1'], 'retention', 'svc-worker')).toEqual({ destroyed: [], alreadyDestroyed: ['readmission:case_R1'], unknown: [] });
    const { rows } = await db.query('SELECT * FROM data_keys');
    expect(rows).toEqual([]);
    const again = await vault.createIfAbsent(wrapDataKey(ringK1, 'readmission:case_R1', newDataKey()));
    expect(again).toMatchObject({ state: 'destroyed', destroyed: { workflowId: 'readmission:case_R1', reason: 'retention' } });
    expect(await vault.find('readmission:case_R1')).toMatchObject({ state: 'destroyed' });
  });

  it('S4 key rotation: counts the data keys each key wraps and re-wraps them without changing the data key', async () => {
    const dataKey = newDataKey();
    await vault.createIfAbsent(wrapDataKey(ringK1, 'readmission:case_R1', dataKey));
    await vault.createIfAbsent(wrapDataKey(ringK2, 'readmission:case_R2', newDataKey()));
    expect(await vault.wrappingKeyUse()).toEqual([
      { wrappingKeyId: 'k1', dataKeys: 1 },
      { wrappingKeyId: 'k2', dataKeys: 1 },
    ]);
    const [old] = await vault.wrappedByOtherThan('k2', 10);
    const next = wrapDataKey(ringK2, 'readmission:case_R1', unwrapDataKey(ringK2, old as never));
    expect(await vault.replaceWrapping(old as never, next)).toBe(true);
    // A second re-wrap from the stale copy loses: someone else changed it meanwhile.
    expect(await vault.replaceWrapping(old as never, next)).toBe(false);
    expect(await vault.wrappingKeyUse()).toEqual([{ wrappingKeyId: 'k2', dataKeys: 2 }]);
    const found = await vault.find('readmission:case_R1');
    expect(found?.state === 'active' && unwrapDataKey(ringK2, found.key).equals(dataKey)).toBe(true);
  });
});
