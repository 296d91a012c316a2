import { randomUUID } from 'node:crypto';
import { type AuditChainPage, Topics, auditChainPageSchema, subjectIdSchema } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { type ChainedEntry, verifyChain } from '@oioo/database/audit';
import { type HeadSender, chainHeadSubject } from '@oioo/service-kit';
import { type TestHttpApp, problemDocument, startTestHttpApp } from '../test-support/http-app';
import { emptyLegalReviewTables, openLegalReviewTestDatabase } from '../test-support/legal-review-test-database';
import { READMISSION_REQUEST_DISCLOSURE } from '../readmission-requests/readmission-request-sender.service';
import { ReadmissionRequestsRepository } from '../readmission-requests/readmission-requests.repository';
import { AuditStreamsController } from './audit-streams.controller';
import { DisclosureChainHeadPublisher } from './disclosure-chain-head.publisher';

const PEOPLE = 'urn:oioo:casework';
let db: Database;
let app: TestHttpApp;
let repository: ReadmissionRequestsRepository;

/** Records `n` readmission requests through the service's repository, each with its disclosure (the real write path). */
async function disclose(n: number): Promise<void> {
  for (let number = 1; number <= n; number += 1) {
    await repository.recordWithDisclosure(
      { requestReference: `req_${randomUUID().replace(/-/g, '')}`, idempotencyKey: `readmission:case_A${number}:request:1`, caseId: `case_A${number}`, requestNumber: 1, contentSha256: 'c'.repeat(64), eventId: randomUUID() },
      READMISSION_REQUEST_DISCLOSURE,
    );
  }
}

/** GET /audit/<stream> as a person holding `roles`. */
async function read(path: string, roles: string[]): Promise<{ status: number; body: unknown }> {
  const token = await app.issuer.token({ claims: { sub: 'usr_AUDREY', name: 'Audrey Auditor', roles }, audience: PEOPLE });
  const response = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

/** Verifies the whole stream as `npm run ops -- audit verify --stream disclosures` does: through the read route, as an SRE. */
async function verify() {
  const answer = await read('/audit/disclosures?limit=1000', ['sre']);
  expect(answer.status).toBe(200);
  const page = auditChainPageSchema.parse(answer.body);
  return verifyChain('disclosures', page.entries.map((entry) => ({ ...entry, stream: 'disclosures', fields: entry.fields as ChainedEntry['fields'] })));
}

/** The table owner's way round the trigger: what someone with the database's credentials could do. */
async function behindTheServicesBack(sql: string): Promise<void> {
  await db.exec(`ALTER TABLE disclosure_log DISABLE TRIGGER USER; ${sql}; ALTER TABLE disclosure_log ENABLE TRIGGER USER;`);
}

beforeAll(async () => {
  db = await openLegalReviewTestDatabase();
  repository = new ReadmissionRequestsRepository(db);
  app = await startTestHttpApp([AuditStreamsController], [{ provide: DATABASE, useValue: db }]);
}, 60_000);
beforeEach(() => disclose(4));
afterEach(() => emptyLegalReviewTables(db));
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the disclosures stream (R12 disclosure log) on PGlite', () => {
  it('S3: chains every disclosure written with its request, from seq 1, with field names and never values', async () => {
    const answer = await read('/audit/disclosures', ['auditor']);
    expect(answer.status).toBe(200);
    const page = answer.body as AuditChainPage;
    expect(page.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(page.entries[0]?.fields).toEqual({
      recipient: 'fr-ministry-interior',
      case_id: 'case_A1',
      fields: READMISSION_REQUEST_DISCLOSURE.fields,
      purpose: READMISSION_REQUEST_DISCLOSURE.purpose,
      channel: Topics.readmissionRequestSent.name,
      request_reference: expect.stringMatching(/^req_/),
      event_id: expect.any(String),
      at: expect.any(String),
    });
    expect(await verify()).toEqual({ ok: true, count: 4, head: { seq: 4, hash: page.head.hash } });
    // The service's own reader still sees the same rows.
    await expect(repository.disclosuresFor('case_A2')).resolves.toHaveLength(1);
  });

  it('S3: the trigger refuses UPDATE, DELETE and TRUNCATE of the disclosure log', async () => {
    await expect(db.query("UPDATE disclosure_log SET recipient = 'someone-else' WHERE seq = 2")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('DELETE FROM disclosure_log WHERE seq = 2')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.exec('TRUNCATE disclosure_log CASCADE')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(db.query("UPDATE disclosures SET purpose = 'nothing to see' WHERE seq = 2")).rejects.toThrow(/append-only: UPDATE refused/);
    expect(await verify()).toMatchObject({ ok: true, count: 4 });
  });

  it('S3: a disclosure edited behind the service\'s back is named as the first broken link', async () => {
    await behindTheServicesBack("UPDATE disclosure_log SET fields = ARRAY['caseId'] WHERE seq = 2");
    expect(await verify()).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'hash-mismatch' }) });
  });

  it('S3: a disclosure deleted behind the service\'s back shows as a gap', async () => {
    await behindTheServicesBack('DELETE FROM disclosure_log WHERE seq = 3');
    expect(await verify()).toEqual({ ok: false, count: 2, broken: expect.objectContaining({ seq: 4, reason: 'gap' }) });
  });

  it('S3: two disclosures swapped behind the service\'s back (their places exchanged) are caught', async () => {
    await behindTheServicesBack('UPDATE disclosure_log SET seq = CASE seq WHEN 2 THEN -3 ELSE -2 END WHERE seq IN (2, 3); UPDATE disclosure_log SET seq = -seq WHERE seq < 0');
    expect(await verify()).toEqual({ ok: false, count: 1, broken: expect.objectContaining({ seq: 2, reason: 'previous-hash-mismatch' }) });
  });

  it('S3: pages the stream in chain order with the next sequence number to continue from', async () => {
    const first = (await read('/audit/disclosures?after=0&limit=3', ['sre'])).body as AuditChainPage;
    expect(first.nextAfter).toBe(3);
    const rest = (await read('/audit/disclosures?after=3&limit=3', ['sre'])).body as AuditChainPage;
    expect(rest.entries.map((entry) => entry.seq)).toEqual([4]);
    expect(rest.nextAfter).toBeUndefined();
  });

  it('S3: admits SREs and auditors only, refuses a service token, and answers unknown streams and bad queries as problems', async () => {
    expect(await read('/audit/disclosures', ['caseworker', 'liaison-officer'])).toEqual({ status: 403, body: problemDocument(403, 'FORBIDDEN', 'this needs one of the roles sre, auditor') });
    expect((await app.request('GET', '/audit/disclosures')).status).toBe(401);
    expect(await read('/audit/consultations', ['auditor'])).toMatchObject({ status: 404, body: { code: 'AUDIT_STREAM_NOT_FOUND' } });
    expect(await read('/audit/disclosures?limit=0', ['auditor'])).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    expect(await read('/audit/disclosures?sort=desc', ['auditor'])).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
  });

  it('S3: publishes the stream\'s head as a valid event of the catalogue, keyed audit_legalReviewDisclosures', async () => {
    const sent: Parameters<HeadSender>[0][] = [];
    const publisher = new DisclosureChainHeadPublisher(db, { chainHeadIntervalSeconds: 0 });
    await expect(publisher.publishAll(async (head) => void sent.push(head))).resolves.toBe(1);
    const page = (await read('/audit/disclosures', ['sre'])).body as AuditChainPage;
    expect(sent).toEqual([{ stream: 'disclosures', seq: 4, hash: page.head.hash, at: page.head.at, publishedAt: expect.any(String) }]);
    expect(Topics.auditChainHeadPublished.data.parse({ service: 'legal-review', ...sent[0] })).toBeTruthy();
    expect(subjectIdSchema.parse(chainHeadSubject('legal-review', 'disclosures'))).toBe('audit_legalReviewDisclosures');
  });
});
