import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SubjectAccessExport, Topics } from '@oioo/contracts';
import { type EventProducer } from '@oioo/kafka';
import { OpsRefusedError, runOps } from '@oioo/ops';
import { type E2eContext } from '../e2e/e2e-context';
import { ReadmissionSteps, arrivalOf } from '../e2e/readmission-steps';
import { connectProducer, recordTopic } from '../support/kafka-clients';
import { Sessions } from '../support/people-tokens';
import { type RunningPlatform, startPlatform } from '../support/platform';
import { stackEnv, uniqueOpaqueId } from '../support/stack';

/** A simulated day passes in 5 real seconds, as in the end-to-end scenarios. */
const TIME_COMPRESSION = 17_280;
const PURPOSE = 'subject access request DP-IT-1';

const sessions = new Sessions();
let platform: RunningPlatform;
let producer: EventProducer;
let context: E2eContext;
const outDir = mkdtempSync(join(tmpdir(), 'oioo-subject-access-'));

/** `npm run ops -- <args>` in-process with `token` as OPS_ACCESS_TOKEN, against this file's platform. */
async function ops(args: string[], token: string): Promise<{ code: number; lines: string[]; progress: string[] }> {
  const lines: string[] = [];
  const progress: string[] = [];
  const env = { ...stackEnv(), CASEWORK_API_URL: platform.urls.casework, OPS_ACCESS_TOKEN: token };
  const code = await runOps(args, { output: { line: (text) => lines.push(text), progress: (text) => progress.push(text) }, environment: () => env });
  return { code, lines, progress };
}

beforeAll(async () => {
  // The platform's own services and casework, so the export gathers from the services this test fed.
  platform = await startPlatform({ timeCompression: TIME_COMPRESSION });
  producer = await connectProducer('subject-access-it');
  const [requests, manifests] = await Promise.all([recordTopic(Topics.readmissionRequestSent.name), recordTopic(Topics.manifestNotified.name)]);
  context = { platform, producer, sent: { requests, manifests } } as unknown as E2eContext;
}, 180_000);

afterAll(async () => {
  for (const topic of Object.values(context?.sent ?? {})) await topic.stop();
  await producer?.disconnect();
  await platform?.stop();
  // The export holds (test) personal data: it does not outlive the test.
  rmSync(outDir, { recursive: true, force: true });
});

describe('a person\'s data on request (right of access) on the real stack', () => {
  it('S3: an auditor exports everything held on a person with two cases, decoded, with exemptions, and the request is in the consultation log', async () => {
    const readmissions = new ReadmissionSteps(context);
    const personId = uniqueOpaqueId('per');
    // The first crossing left from Belgium: out of scope (R1), the case ends at once.
    const first = arrivalOf(uniqueOpaqueId('case'), { personId, departedFrom: 'BE' });
    await readmissions.publishArrival(first);
    await readmissions.waitForCase(first.caseId, (view) => view.state === 'excluded');
    // The second is taken to a seat on a movement: a request to France (legal-review) and a booking (transport).
    const { caseId: secondCaseId, driver } = await readmissions.caseAwaitingFrance({ personId });
    await readmissions.franceReplies(secondCaseId, 'accepted');
    await readmissions.waitForCase(secondCaseId, (view) => view.state === 'removal-directions');
    await driver.serveRemovalDirections();
    await readmissions.waitForCase(secondCaseId, (view) => view.state === 'movement-booked', 60_000);
    // Somebody else, whose data must not appear.
    const stranger = arrivalOf(uniqueOpaqueId('case'), { departedFrom: 'BE' });
    await readmissions.publishArrival(stranger);
    await readmissions.waitForCase(stranger.caseId, (view) => view.state === 'excluded');

    const run = await ops(['subject-access', personId, '--purpose', PURPOSE, '--reference', 'DP-IT-1', '--out', outDir], await sessions.tokenOf('audrey'));

    expect(run.code).toBe(0);
    expect(run.progress.join('\n')).toContain(`subject-access: gathering what identity, legal-review, transport and the case histories hold on ${personId}`);
    const jsonPath = /^json {6}(\S+) \((\d+) bytes\)$/m.exec(run.lines.join('\n'))?.[1] as string;
    const reportPath = /^report {4}(\S+) \((\d+) bytes\)$/m.exec(run.lines.join('\n'))?.[1] as string;
    const text = readFileSync(jsonPath, 'utf8');
    const exported = JSON.parse(text) as SubjectAccessExport;
    // The lead quotes these: the time and size of an export for a person with two cases.
    console.log(`subject-access export of a person with two cases: ${run.lines.find((line) => line.startsWith('time'))}, JSON ${statSync(jsonPath).size} bytes, report ${statSync(reportPath).size} bytes`);

    expect(exported.request).toMatchObject({ personId, purpose: PURPOSE, reference: 'DP-IT-1', requestedBy: { actorId: 'cw_01AUDREY00000000000', roles: ['auditor'] } });
    // identity: both arrivals, their screenings and enrolments (by reference).
    expect(exported.sources.identity.cases.readmission.sort()).toEqual([first.caseId, secondCaseId].sort());
    expect(exported.sources.identity.irregularEntries).toHaveLength(2);
    expect(exported.sources.identity.enrolments.every((enrolment) => enrolment.templateHeld)).toBe(true);
    expect(text).not.toContain(first.biometricTemplate);
    // legal-review: the request to France, its disclosure and France's acceptance.
    expect(exported.sources.legalReview.readmissionRequests).toEqual([expect.objectContaining({ caseId: secondCaseId, requestNumber: 1 })]);
    expect(exported.sources.legalReview.disclosures).toEqual([expect.objectContaining({ caseId: secondCaseId })]);
    expect(exported.sources.legalReview.franceReplies).toEqual([expect.objectContaining({ caseId: secondCaseId, kind: 'accepted' })]);
    // transport: the seat on the movement.
    expect(exported.sources.transport.bookings).toEqual([expect.objectContaining({ caseId: secondCaseId, status: 'booked' })]);
    // Both cases' histories, decoded: the arrival the case was opened with reads in clear.
    expect(exported.sources.cases.map((found) => found.caseId).sort()).toEqual([first.caseId, secondCaseId].sort());
    for (const found of exported.sources.cases) {
      const events = found.runs.flatMap((run) => run.events);
      expect(events.map((event) => event.type)).toContain('WorkflowExecutionStarted');
      expect(JSON.stringify(events)).toContain(`"personId":"${personId}"`);
    }
    // The caseworkers who took the steps are withheld, with the reason.
    expect(exported.exemptions).toContainEqual(expect.objectContaining({ source: 'cases', what: 'the officers and caseworkers named in the case histories', reason: expect.stringContaining('exemption') }));
    expect(text).not.toContain('cw_PROPOSER0001');
    // Nobody else's data.
    expect(text).not.toContain(stranger.personId);
    expect(text).not.toContain(stranger.caseId);
    expect(readFileSync(reportPath, 'utf8')).toContain(`# Data held on ${personId}`);

    // S3: the request, each case read and the outcome are in the consultation log, as the auditor who asked.
    const audrey = { authorization: `Bearer ${await sessions.tokenOf('audrey')}` };
    const consulted = async (caseId: string) =>
      ((await (await fetch(`${platform.urls.casework}/api/v1/consultations?caseId=${caseId}&purpose=${encodeURIComponent('integration check')}`, { headers: audrey })).json()) as { items: { operation: string; actorId: string; purpose: string }[] }).items;
    expect(await consulted(personId)).toContainEqual(expect.objectContaining({ operation: 'subjectAccessRequest', actorId: 'cw_01AUDREY00000000000', purpose: PURPOSE }));
    expect(await consulted(secondCaseId)).toContainEqual(expect.objectContaining({ operation: 'subjectAccessRequest', purpose: PURPOSE }));
    expect(await consulted(exported.request.id)).toContainEqual(expect.objectContaining({ operation: 'subjectAccessCompleted' }));
  }, 240_000);

  it('S3: a caseworker, an SRE and a caller without a token are refused', async () => {
    const body = JSON.stringify({ personId: uniqueOpaqueId('per'), purpose: 'not theirs to ask' });
    const post = async (headers: Record<string, string>) => fetch(`${platform.urls.casework}/api/v1/subject-access-requests`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await post({ authorization: `Bearer ${await sessions.tokenOf('alice')}` })).status).toBe(403);
    expect((await post({ authorization: `Bearer ${await sessions.tokenOf('sam')}` })).status).toBe(403);
    await expect(ops(['subject-access', uniqueOpaqueId('per')], await sessions.tokenOf('alice'))).rejects.toThrow(OpsRefusedError);
    await expect(ops(['subject-access', uniqueOpaqueId('per')], await sessions.tokenOf('alice'))).rejects.toThrow(/is not an auditor/);
  });
});
