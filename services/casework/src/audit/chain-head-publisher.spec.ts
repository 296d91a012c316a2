import { join } from 'node:path';
import { type PersonCaller } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { Topics, subjectIdSchema } from '@oioo/contracts';
import { type Database, GENESIS_HASH, loadMigrations, openPgliteDatabase, runMigrations } from '@oioo/database';
import { type HeadSender, chainHeadSubject } from '@oioo/service-kit';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { CaseworkChainHeadPublisher } from './chain-head-publisher';

const auditor: PersonCaller = { kind: 'person', subject: 'aud_1', actorId: 'aud_1', name: 'Ada Auditor', roles: ['auditor'] };
let db: Database;

beforeAll(async () => {
  db = await openPgliteDatabase({ schema: 'casework' });
  await runMigrations(db, { schema: 'casework', migrations: loadMigrations(join(__dirname, '..', 'migrations')), logger: createLogger('test', {}, () => undefined) });
});

afterAll(async () => {
  await db.close();
});

describe('CaseworkChainHeadPublisher', () => {
  it('S2 S3: publishes every stream\'s head, each a valid event of the catalogue, keyed by an opaque id', async () => {
    await new ConsultationLog(db).record(auditor, { caseKind: 'readmission', caseId: 'rdm_a', operation: 'getReadmissionCase', purpose: 'audit' });
    const sent: Parameters<HeadSender>[0][] = [];
    const publisher = new CaseworkChainHeadPublisher(db, { pilotId: 'pilot_ukfr20250806', queueScanLimit: 100, chainHeadIntervalSeconds: 0 });

    await expect(publisher.publishAll(async (head) => void sent.push(head))).resolves.toBe(4);

    expect(sent.map((head) => [head.stream, head.seq])).toEqual([['consultations', 1], ['operations', 0], ['decisions', 0], ['prunings', 0]]);
    expect(sent[1]?.hash).toBe(GENESIS_HASH);
    for (const head of sent) {
      expect(Topics.auditChainHeadPublished.data.parse({ service: 'casework', ...head })).toBeTruthy();
      expect(subjectIdSchema.parse(chainHeadSubject('casework', head.stream))).toBe(`audit_casework${head.stream.charAt(0).toUpperCase()}${head.stream.slice(1)}`);
    }
  });

  it('keeps publishing the other streams when one send fails', async () => {
    const publisher = new CaseworkChainHeadPublisher(db, { pilotId: 'pilot_ukfr20250806', queueScanLimit: 100, chainHeadIntervalSeconds: 0 });
    let calls = 0;
    const flaky: HeadSender = async () => {
      calls += 1;
      if (calls === 1) throw new Error('broker down');
    };
    await expect(publisher.publishAll(flaky)).resolves.toBe(3);
  });
});
