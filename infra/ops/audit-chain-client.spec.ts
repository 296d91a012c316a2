import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { GENESIS_HASH } from '@oioo/database/audit';
import { AuditChainClient } from './audit-chain-client';
import { OpsRefusedError } from './ops-caller';

/** A stand-in for a service's audit read route: answers an empty page of whatever stream is asked, and records the paths. */
async function serviceRecording(paths: string[]): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const stream = (request.url ?? '').split('?')[0]?.split('/').at(-1);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ stream, head: { seq: 0, hash: GENESIS_HASH }, entries: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('AuditChainClient', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('S3: reads each stream from the service that keeps it: casework\'s API, legal-review for disclosures', async () => {
    const caseworkPaths: string[] = [];
    const legalReviewPaths: string[] = [];
    const casework = await serviceRecording(caseworkPaths);
    const legalReview = await serviceRecording(legalReviewPaths);
    servers.push(casework.server, legalReview.server);
    const client = new AuditChainClient({ casework: casework.url, 'legal-review': legalReview.url }, 'token');

    await expect(client.page('decisions', 0)).resolves.toMatchObject({ stream: 'decisions' });
    await expect(client.page('disclosures', 7)).resolves.toMatchObject({ stream: 'disclosures' });
    expect(caseworkPaths).toEqual(['/api/v1/audit/decisions?after=0&limit=1000']);
    expect(legalReviewPaths).toEqual(['/audit/disclosures?after=7&limit=1000']);
  });

  it('refuses the disclosures stream without LEGAL_REVIEW_URL, naming the setting', async () => {
    const client = new AuditChainClient({ casework: 'http://127.0.0.1:1' }, 'token');
    const refusal = client.page('disclosures', 0);
    await expect(refusal).rejects.toBeInstanceOf(OpsRefusedError);
    await expect(refusal).rejects.toMatchObject({ hint: 'Set LEGAL_REVIEW_URL to the legal-review service\'s address.' });
  });
});
