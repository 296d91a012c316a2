// The casework API, in this process, and the caseworker's sign-in at the provider.

// NestJS reads the decorators' metadata as the casework app's modules load, so this comes first.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CaseworkAppModule } from '@oioo/casework';
import { CASEWORK_AUDIENCE, CLI_CLIENT_ID, CLI_REDIRECT_URI, LOCAL_PASSWORD, PERSON_SCOPE, clientSecretFrom, loginWithPkce } from '@oioo/local-oidc';
import { NEXT_STATE, SCREENING } from './casework-cases';

/** The casework app listening on a free loopback port, and the requests the benchmark makes of it. */
export interface CaseworkApi {
  baseUrl: string;
  app: INestApplication;
  /** `GET /api/v1/me`: who the API takes the caller to be (token checked, nothing else). */
  me(token: string): Promise<{ actorId?: string; team?: string }>;
  /** `POST .../screening` as a person's script sends it; throws unless it answers 200 with the next state. */
  screen(token: string, caseId: string): Promise<void>;
  /** `GET /api/v1/work-queue` (the caller's team, first page); throws unless it answers 200. */
  workQueue(token: string): Promise<{ total: number; truncated: boolean }>;
  /** Closes the app, and with it the connections its modules opened. */
  close(): Promise<void>;
}

/** Boots `CaseworkAppModule` as its service would, on in-memory PGlite, with the stack's TEMPORAL_* and OIDC_*. */
export async function startCaseworkApi(): Promise<CaseworkApi> {
  // In-memory PGlite: the Idempotency-Keys and the staff names of this run only, nothing left on disk.
  process.env['DATABASE_DRIVER'] = 'pglite';
  delete process.env['DATABASE_DIR'];
  delete process.env['DATABASE_URL'];
  const app = await NestFactory.create(CaseworkAppModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    baseUrl,
    app,
    async me(token) {
      const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET /api/v1/me answered ${response.status}: ${text}`);
      return JSON.parse(text) as { actorId?: string; team?: string };
    },
    async screen(token, caseId) {
      const response = await fetch(`${baseUrl}/api/v1/readmission-cases/${caseId}/screening`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
        body: JSON.stringify(SCREENING),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`the API answered ${response.status} for ${caseId}: ${text}`);
      if (response.headers.get('idempotent-replayed') === 'true') throw new Error(`the API replayed an earlier answer for ${caseId}`);
      const body = JSON.parse(text) as { state?: unknown; result?: { state?: unknown } };
      if (body.state !== NEXT_STATE || body.result?.state !== NEXT_STATE) throw new Error(`the API answered ${text} for ${caseId}, not state ${NEXT_STATE}`);
    },
    async workQueue(token) {
      const response = await fetch(`${baseUrl}/api/v1/work-queue`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET /api/v1/work-queue answered ${response.status}: ${text}`);
      return JSON.parse(text) as { total: number; truncated: boolean };
    },
    close: () => app.close(),
  };
}

/**
 * Points every Temporal client and worker this process creates from now on at the API as the data-key vault
 * (S4) that its Updates' payloads are encrypted under, reached with the worker's own client credentials
 * (svc-worker): the vault's client reads them from the environment. Returns the environment.
 */
export function useVault(api: CaseworkApi): NodeJS.ProcessEnv {
  const secretsFile = process.env['OIDC_CLIENT_SECRETS_FILE'];
  if (!secretsFile) throw new Error('OIDC_CLIENT_SECRETS_FILE is not set: run `npm run bench`, which starts the OpenID Connect provider');
  Object.assign(process.env, { TEMPORAL_CODEC_VAULT_URL: api.baseUrl, OIDC_CLIENT_ID: 'svc-worker', OIDC_CLIENT_SECRET: clientSecretFrom(secretsFile, 'svc-worker') });
  return process.env;
}

/** A person's sign-in at the provider (authorization code with PKCE, client `casework-cli`), renewed between series when it nears expiry. */
export class Session {
  private current?: { accessToken: string; renewAfter: number };

  constructor(
    private readonly issuer: string,
    private readonly username: string,
  ) {}

  /** The token; only read inside a measured call, so a sign-in is never timed. */
  get token(): string {
    if (!this.current) throw new Error('not signed in');
    return this.current.accessToken;
  }

  /** Signs in again when less than five minutes are left, which covers any one series. */
  async refresh(): Promise<void> {
    if (this.current && Date.now() < this.current.renewAfter) return;
    const tokens = await loginWithPkce({ issuer: this.issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, username: this.username, password: LOCAL_PASSWORD, resource: CASEWORK_AUDIENCE, scope: PERSON_SCOPE });
    this.current = { accessToken: tokens.accessToken, renewAfter: Date.now() + Math.max(tokens.expiresIn - 300, 0) * 1000 };
  }
}
