import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { type temporal } from '@temporalio/proto';
import { chromium } from 'playwright-core';
import { CaseworkAppModule } from '@oioo/casework';
import { createLogger } from '@oioo/config';
import { SearchAttributes, readmissionWorkflowId } from '@oioo/contracts';
import { CASEWORK_AUDIENCE, LOCAL_PASSWORD, TEMPORAL_UI_CLIENT_ID } from '@oioo/local-oidc';
import { ENCRYPTED_ENCODING, createTemporalClient } from '@oioo/temporal';
import { ensureChromium } from '@oioo/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test stack's ports are the local stack's own (infra), not a library's.
import { testProfile } from '../../infra/stack/stack-profile';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the Web UI's sign-in gateway is the local stack's own (infra), run here in-process.
import { GatewaySessions, createUiGateway, discoverGatewaySignIn } from '../../infra/temporal/ui-gateway';
import { Sessions } from '../support/people-tokens';
import { stackEnv, stackTemporalConfig, uniqueOpaqueId } from '../support/stack';

type Payload = temporal.api.common.v1.IPayload;
/** A payload as the codec-server protocol carries it. */
type WirePayload = { metadata: Record<string, string>; data: string };

/** The Web UI's origin as `npm start` serves it: the default the codec server grants. */
const UI_ORIGIN = 'http://127.0.0.1:8233';

function toWire(payload: Payload): WirePayload {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

function jsonOf(payload: WirePayload): unknown {
  return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
}

function encodingOf(payload: WirePayload): string {
  return Buffer.from(payload.metadata['encoding'] ?? '', 'base64').toString();
}

/** The payloads of a raw history, in event order: what the Web UI sends the codec for a workflow page. */
function payloadsOf(events: temporal.api.history.v1.IHistoryEvent[]): { input: Payload; signal: Payload } {
  const input = events.find((event) => event.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const signal = events.find((event) => event.workflowExecutionSignaledEventAttributes)?.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0];
  if (!input || !signal) throw new Error('the case history has no input or no signal');
  return { input, signal };
}

const sessions = new Sessions();
let casework: INestApplication;
let caseworkUrl: string;
let client: Client;
const caseId = uniqueOpaqueId('case');
const workflowId = readmissionWorkflowId(caseId);
const personId = uniqueOpaqueId('per');
const evidenceReference = `HMC-INT-${randomUUID().slice(0, 8)}`;
let wire: { input: WirePayload; signal: WirePayload };

/** POST /codec/decode as the Web UI sends it (`X-Namespace`, its origin), with or without a person's token. */
async function decodeAs(username: string | undefined, payloads: WirePayload[], path = '/codec/decode'): Promise<Response> {
  const token = username ? await sessions.tokenOf(username) : undefined;
  return fetch(`${caseworkUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI_ORIGIN, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ payloads }),
  });
}

beforeAll(async () => {
  delete process.env['DATABASE_DIR'];
  casework = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await casework.listen(0, '127.0.0.1');
  caseworkUrl = await casework.getUrl();
  client = await createTemporalClient(stackTemporalConfig());
  // A case started the way identity starts one (signal-with-start, its team as a search attribute), on a task
  // queue no worker polls, so its history holds exactly the client's real, encrypted input and arrival.
  await client.workflow.signalWithStart('readmissionCaseWorkflow', {
    taskQueue: `codec-check-${caseId}`,
    workflowId,
    args: [{ caseId }],
    signal: 'arrivalRecorded',
    signalArgs: [{ eventId: randomUUID(), arrival: { caseId, personId, arrivedAt: '2026-12-01T04:12:00Z', route: 'apprehended', departedFrom: 'FR', crossingEvidence: [{ kind: 'interception-record', reference: evidenceReference }] } }],
    typedSearchAttributes: [{ key: SearchAttributes.caseTeam, value: 'south-east' }],
  });
  const history = await client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
  const { input, signal } = payloadsOf(history.history?.events ?? []);
  wire = { input: toWire(input), signal: toWire(signal) };
});

afterAll(async () => {
  await client?.workflow.getHandle(workflowId).terminate('codec server check done').catch(() => undefined);
  await client?.connection.close();
  await casework?.close();
});

describe('the codec server on the real stack', () => {
  it('S3 the case\'s payloads reach the codec encrypted, labelled with their case', () => {
    for (const payload of [wire.input, wire.signal]) {
      expect(encodingOf(payload)).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(payload.metadata['encryption-workflow-id'] ?? '', 'base64').toString()).toBe(workflowId);
      expect(Buffer.from(payload.data, 'base64').includes(Buffer.from(personId))).toBe(false);
    }
  });

  it('answers the Web UI\'s preflight from its origin, and grants no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${caseworkUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const granted = await preflight(UI_ORIGIN);
    expect(granted.status).toBe(204);
    expect(granted.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(granted.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    expect(granted.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await preflight('https://elsewhere.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const crossOrigin = await fetch(`${caseworkUrl}/codec/decode`, { method: 'POST', headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' }, body: '{"payloads":[]}' });
    expect(crossOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('decodes nothing without a token: 401, a problem document the UI may read', async () => {
    const answer = await decodeAs(undefined, [wire.signal]);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(await answer.text()).not.toContain(personId);
  });

  it('S3 gives an SRE the case\'s payloads with personal fields redacted, and logs no consultation for it', async () => {
    const answer = await decodeAs('sam', [wire.input, wire.signal]);
    expect(answer.status).toBe(200);
    const { payloads } = (await answer.json()) as { payloads: WirePayload[] };
    expect(payloads.map(encodingOf)).toEqual(['json/plain', 'json/plain']);
    expect(jsonOf(payloads[0] as WirePayload)).toEqual({ caseId });
    expect(jsonOf(payloads[1] as WirePayload)).toMatchObject({
      arrival: { caseId, personId: '[redacted]', arrivedAt: '[redacted]', departedFrom: '[redacted]', crossingEvidence: '[redacted]' },
    });
    expect(JSON.stringify(payloads)).not.toContain(Buffer.from(personId).toString('base64'));
  });

  it('S3 gives a caseworker of the case\'s team the payloads whole, through the CLI\'s path too', async () => {
    for (const path of ['/codec/decode', '/codec/default/decode']) {
      const answer = await decodeAs('alice', [wire.signal], path);
      expect(answer.status).toBe(200);
      const { payloads } = (await answer.json()) as { payloads: WirePayload[] };
      expect(jsonOf(payloads[0] as WirePayload)).toMatchObject({ arrival: { personId, crossingEvidence: [{ kind: 'interception-record', reference: evidenceReference }] } });
    }
  });

  it('gives a caseworker of another team nothing decoded: the payload comes back as it was sent', async () => {
    const answer = await decodeAs('chris', [wire.input, wire.signal]);
    expect(answer.status).toBe(200);
    const { payloads } = (await answer.json()) as { payloads: WirePayload[] };
    expect(payloads).toEqual([wire.input, wire.signal]);
  });

  it('refuses people whose role reads no payloads, another namespace, and encoding for caseworkers', async () => {
    expect((await decodeAs('leo', [wire.signal])).status).toBe(403);
    expect((await decodeAs('alice', [wire.signal], '/codec/elsewhere/decode')).status).toBe(400);
    const encode = async (username: string) =>
      fetch(`${caseworkUrl}/codec/encode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-namespace': 'default', authorization: `Bearer ${await sessions.tokenOf(username)}` },
        body: JSON.stringify({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"nudge"').toString('base64') }] }),
      });
    expect((await encode('alice')).status).toBe(403);
    // The CLI sends a query's empty argument list through /encode (as `{}`) before every query, whoever asks.
    const emptyArgs = await fetch(`${caseworkUrl}/codec/encode`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await sessions.tokenOf('alice')}` }, body: '{}' });
    expect(emptyArgs.status).toBe(200);
    expect(await emptyArgs.json()).toEqual({ payloads: [] });
    const encoded = await encode('sam');
    expect(encoded.status).toBe(200);
    expect(((await encoded.json()) as { payloads: WirePayload[] }).payloads.map(encodingOf)).toEqual([ENCRYPTED_ENCODING]);
  });

  it('S3 writes the whole-payload decode to the consultation log, once per look, and nothing for the redacted one', async () => {
    const token = await sessions.tokenOf('audrey');
    const answer = await fetch(`${caseworkUrl}/api/v1/consultations?caseId=${caseId}&purpose=codec-check`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const { items } = (await answer.json()) as { items: { actorId: string; operation: string; caseKind: string }[] };
    const decodes = items.filter((item) => item.operation === 'codecDecode');
    expect(decodes).toHaveLength(1);
    expect(decodes[0]).toMatchObject({ caseKind: 'readmission', actorId: expect.stringMatching(/^cw_/) });
  });
});


describe('the Temporal Web UI in a browser, through its sign-in gateway', () => {
  /** Where the run writes its screenshot of the Web UI (git-ignored). */
  const screenshotDir = join(__dirname, '..', '..', 'tmp', 'codec-screenshots');
  let gateway: Server;
  const uiUrl = `http://127.0.0.1:${testProfile.temporal.uiPort}`;

  beforeAll(async () => {
    const config = {
      port: testProfile.temporal.uiPort,
      host: '127.0.0.1',
      publicUrl: new URL(uiUrl),
      uiBackendUrl: `http://127.0.0.1:${testProfile.temporal.uiBackendPort}`,
      codecUrl: `${caseworkUrl}/codec`,
      caseworkApiUrl: caseworkUrl,
      issuerUrl: stackEnv()['OIDC_ISSUER_URL'] ?? '',
      clientId: TEMPORAL_UI_CLIENT_ID,
      audience: CASEWORK_AUDIENCE,
    };
    gateway = createUiGateway({ config, signIn: await discoverGatewaySignIn(config), sessions: new GatewaySessions(), logger: createLogger('temporal-ui') });
    await new Promise<void>((resolve) => gateway.listen(config.port, config.host, resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => gateway?.close(resolve));
  });

  it('S3 a caseworker of the case\'s team signs in and reads the case\'s input and arrival in clear text, and may not act', async () => {
    const browser = await chromium.launch({ executablePath: await ensureChromium(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const decodes: number[] = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname === '/codec/decode') decodes.push(response.status());
      });
      await page.goto(`${uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`);
      await page.locator('#username').fill('alice');
      await page.locator('#password').fill(LOCAL_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin === uiUrl && url.pathname.includes('/workflows/'));
      // The input card holds the decoded JSON (a ciphertext payload shows as base64 without a "caseId" key).
      await page.getByTestId('input-and-result').getByText('"caseId"').first().waitFor();
      await page.getByTestId('input-and-result').getByText(`"${caseId}"`).first().waitFor();
      // The arrival signal's input, opened from the event history: the person's ids and evidence, in clear text.
      await page.locator('tr[data-testid="event-summary-row"]', { hasText: 'Workflow Execution Signaled' }).click();
      await page.getByText(personId).first().waitFor({ timeout: 15_000 });
      await page.getByText(evidenceReference).first().waitFor({ timeout: 15_000 });
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, 'temporal-ui-workflow-input.png') });
      await page.getByText(personId).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, 'temporal-ui-workflow-arrival.png') });
      expect(decodes.length).toBeGreaterThan(0);
      expect(decodes.every((status) => status === 200)).toBe(true);
      // The gateway lets a caseworker read but not act: the UI's terminate is refused before it reaches Temporal.
      const terminate = await page.request.post(`${uiUrl}/api/v1/namespaces/default/workflows/${encodeURIComponent(workflowId)}/terminate`, { data: { reason: 'not hers to end' } });
      expect(terminate.status()).toBe(403);
      // Without the session cookie the codec on the UI's origin decodes nothing.
      const anonymous = await fetch(`${uiUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default' }, body: JSON.stringify({ payloads: [wire.signal] }) });
      expect(anonymous.status).toBe(401);
    } finally {
      await browser.close();
    }
  });
});
