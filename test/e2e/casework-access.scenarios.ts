import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@oioo/auth';
import { ACCESS_MATRIX, API_ROUTES, type ApiRoute } from '@oioo/casework';
import { readmissionWorkflowId } from '@oioo/contracts';
import { TestIssuer } from '@oioo/testing';
import { SEEDED_PEOPLE, type SeededPerson, clientCredentialsToken, clientSecretFrom } from '@oioo/local-oidc';
import { stackEnv } from '../support/stack';
import type { CaseworkSteps } from './casework-steps';
import type { E2eContext } from './e2e-context';
import { LegalRouteSteps, applicantOf, submissionOf } from './legal-route-steps';

/** A valid body for each step, so an admitted caller reaches the workflow (which refuses: the case has ended). */
const VALID_BODIES: Record<string, unknown> = {
  recordScreening: { age: 'adult', vulnerabilities: [] },
  recordAgeAssessment: { outcome: 'adult', assessmentReference: 'AA-1' },
  decideSelection: { selected: true, reason: 'criteria met' },
  recordDetention: { facility: 'IRC Harmondsworth' },
  proposeInadmissibility: { decision: 'inadmissible', reasons: 'safe third country', evidence: [] },
  reviewInadmissibility: { approve: true, reason: 'agree' },
  submitCorrectedRequest: { corrections: 'evidence attached' },
  proposeRemovalDirections: { reasons: 'France accepted' },
  reviewRemovalDirections: { approve: true, reason: 'agree' },
  withdrawEoi: { reason: 'withdrawn on the portal' },
  proposeDecision: { decision: 'grant', reasons: 'checks clear', evidence: [] },
  reviewDecision: { approve: true, reason: 'agree' },
  revokeGrant: { reason: 'new information' },
};

/** A case the matrix calls routes on: ended, so no admitted call can change it. */
interface MatrixCase {
  kind: 'readmission' | 'eoi';
  id: string;
  team: string;
}

/** What one cell of the matrix must answer when the caller is admitted and reaches the case. */
function admittedStatus(route: ApiRoute): number {
  // The operations log is written without a body: a 400 proves the caller got past the guard, and the log is left alone.
  if (!route.step && route.method === 'POST') return 400;
  if (!route.step) return 200;
  // Ledger steps are sent without their reason: a 400 proves the caller got past the guard, and the ledger is left alone.
  if (route.target === 'ledger') return 400;
  return 409;
}

/** The status the matrix promises for one person on one route and case. */
function expectedStatus(route: ApiRoute, person: SeededPerson, target: MatrixCase | undefined): number {
  const role = person.roles[0] as Role;
  const reach = ACCESS_MATRIX[route.operationId]?.[role] ?? 'none';
  if (reach === 'none') return 403;
  if (reach === 'team' && target?.team !== person.team) return 404;
  return admittedStatus(route);
}

function pathOf(route: ApiRoute, target: MatrixCase | undefined, isoWeek: string): string {
  const path = route.path.replace('{caseId}', target?.id ?? '').replace('{eoiId}', target?.id ?? '').replace('{isoWeek}', isoWeek).replace('{stream}', 'decisions');
  // Auditors state a purpose for reads of personal data; anyone may.
  return ['getReadmissionCase', 'getEoiCase', 'listConsultations'].includes(route.operationId) ? `${path}?purpose=access-matrix-check` : path;
}

/** Deny by default, proven cell by cell; and the attacks a casework API must turn away. */
export function describeCaseworkAccessScenarios(context: E2eContext, casework: CaseworkSteps): void {
  const legalRoute = new LegalRouteSteps(context);
  const cases: MatrixCase[] = [];

  describe('the casework API: deny by default, route by route, role by role, case by case', () => {
    beforeAll(async () => {
      // Cases that end at once: a crossing from Belgium is out of scope (R1); an EOI outside every window is invalid (E1).
      for (const team of ['south-east', 'north-west']) {
        const caseId = await casework.openCase(team, { departedFrom: 'BE' });
        await context.platform.client.workflow.getHandle(readmissionWorkflowId(caseId)).result();
        cases.push({ kind: 'readmission', id: caseId, team });
      }
      const eoi = submissionOf([applicantOf()]);
      await legalRoute.publishSubmission({ ...eoi, submittedAt: '2025-01-01T00:00:00.000Z' });
      await legalRoute.waitForEoi(eoi.eoiId, (view) => view.state === 'invalid');
      cases.push({ kind: 'eoi', id: eoi.eoiId, team: 'legal-route' });
    }, 120_000);

    it('S3 every route × every role × own and other team\'s case answers what docs/casework-access-matrix.md says', async () => {
      const { api } = casework;
      const isoWeek = ((await api.get<{ firstWeek: string }>('leo', '/api/v1/ledger/balance')).body).firstWeek;
      const mismatches: string[] = [];
      let cells = 0;
      for (const route of API_ROUTES) {
        const targets: (MatrixCase | undefined)[] = route.target === 'readmission' || route.target === 'eoi' ? cases.filter((found) => found.kind === route.target) : [undefined];
        for (const target of targets) {
          const path = pathOf(route, target, isoWeek);
          const body = route.step ? (VALID_BODIES[route.operationId] ?? {}) : undefined;
          const anonymous = route.method === 'GET' ? await api.get('nobody', path, { token: null }) : await api.post('nobody', path, body, { token: null });
          if (anonymous.status !== 401) mismatches.push(`${route.operationId} without a token: ${anonymous.status}`);
          await Promise.all(
            SEEDED_PEOPLE.map(async (person) => {
              const reply = route.method === 'GET' ? await api.get(person.username, path) : await api.post(person.username, path, body);
              cells += 1;
              const expected = expectedStatus(route, person, target);
              if (reply.status !== expected) mismatches.push(`${route.operationId} as ${person.username} (${person.roles.join(',')}) on ${target?.team ?? '-'}: ${reply.status}, expected ${expected}: ${JSON.stringify(reply.body)}`);
              if (reply.status >= 400 && !reply.contentType.startsWith('application/problem+json')) mismatches.push(`${route.operationId} as ${person.username}: ${reply.status} without a problem document`);
            }),
          );
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBeGreaterThan(ROLES.length * API_ROUTES.length);
    }, 180_000);

    it('S3 an SRE sees a case\'s state and deadlines, never its people, reasons or evidence, and the read is not a disclosure', async () => {
      const { api } = casework;
      const [target] = cases;
      const sre = await api.get<Record<string, unknown> & { timeline: Record<string, unknown>[] }>('sam', `/api/v1/readmission-cases/${target?.id}`);
      expect(sre.status).toBe(200);
      expect(sre.body).toMatchObject({ view: 'redacted', state: 'excluded' });
      expect(sre.body).not.toHaveProperty('outcomeReason');
      expect(sre.body).not.toHaveProperty('holds');
      expect(sre.body.timeline.every((entry) => Object.keys(entry).sort().join() === 'at,what')).toBe(true);
      const eoi = await api.get<Record<string, unknown>>('sam', `/api/v1/eoi-cases/${cases[2]?.id}`);
      expect(eoi.body).toMatchObject({ view: 'redacted' });
      expect(eoi.body).not.toHaveProperty('people');
    });

    it('S3 an auditor reads with a stated purpose, and finds every read of personal data in the consultation log', async () => {
      const { api } = casework;
      const target = cases[1] as MatrixCase;
      expect((await api.get('audrey', `/api/v1/readmission-cases/${target.id}`)).body).toMatchObject({ status: 400, code: 'PURPOSE_REQUIRED' });
      expect((await api.get('dana', `/api/v1/readmission-cases/${target.id}`)).status).toBe(200);
      expect((await api.get('audrey', `/api/v1/readmission-cases/${target.id}?purpose=complaint%20ref%20C-17`)).status).toBe(200);
      const log = await api.get<{ items: { actorId: string; caseId: string; purpose: string; operation: string }[] }>('audrey', `/api/v1/consultations?caseId=${target.id}&purpose=complaint%20ref%20C-17`);
      expect(log.status).toBe(200);
      const readers = log.body.items.map((item) => `${item.actorId}:${item.purpose}`);
      expect(readers).toContain('cw_01DANA00000000000000:casework');
      expect(readers).toContain('cw_01AUDREY00000000000:complaint ref C-17');
      expect(readers.some((reader) => reader.startsWith('cw_01SAM'))).toBe(false);
      expect((await api.get('audrey', '/api/v1/consultations')).body).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
    });

    it('tokens that are missing, tampered, unsigned, for another audience or from another issuer get 401 and say nothing more', async () => {
      const { api } = casework;
      const path = '/api/v1/me';
      const alice = await casework.sessions.tokenOf('alice');
      expect((await api.get('alice', path)).body).toMatchObject({ actorId: 'cw_01ALICE0000000000000', name: 'Alice Ashworth', roles: ['caseworker'], team: 'south-east' });

      const [header, payload, signature] = alice.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['auditor'] })).toString('base64url')}.${signature}`;
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const issuer = stackEnv()['OIDC_ISSUER_URL'] as string;
      const service = (await clientCredentialsToken({ issuer, clientId: 'svc-worker', clientSecret: clientSecretFrom(stackEnv()['OIDC_CLIENT_SECRETS_FILE'] as string, 'svc-worker') })).accessToken;
      const impostor = await TestIssuer.start();
      try {
        const impostorClaims = { sub: claims['sub'] as string, roles: ['auditor'], name: 'Impostor' };
        const wrongIssuer = await impostor.token({ claims: impostorClaims, audience: 'urn:oioo:casework' });
        const forgedKey = await impostor.token({ claims: impostorClaims, audience: 'urn:oioo:casework', issuer });
        const attempts = [
          ['missing', null],
          ['tampered', tampered],
          ['unsigned (alg none)', unsigned],
          ['for the services audience', service],
          ['from another issuer', wrongIssuer],
          ['in our issuer\'s name, signed with a key it never published', forgedKey],
          ['not a JWT', 'not-a-token'],
        ] as const;
        for (const [what, token] of attempts) {
          const reply = await api.get('alice', path, { token });
          expect({ what, status: reply.status, code: (reply.body as { code?: string }).code, type: reply.contentType.split(';')[0] }).toEqual({
            what,
            status: 401,
            code: token === null ? 'UNAUTHENTICATED' : 'INVALID_TOKEN',
            type: 'application/problem+json',
          });
        }
      } finally {
        await impostor.stop();
      }
    });

    it('bad input is refused with a problem document naming the fields, and changes nothing', async () => {
      const { api } = casework;
      const caseId = await casework.openCase('south-east');
      const screening = `/api/v1/readmission-cases/${caseId}/screening`;

      const withActor = await api.post('alice', screening, { age: 'adult', vulnerabilities: [], actor: 'cw_01BOLA00000000000000' });
      expect(withActor.body).toMatchObject({ status: 400, code: 'ACTOR_NOT_ALLOWED', errors: [{ field: 'actor' }] });
      const malformed = await api.post<{ errors: { field: string }[] }>('alice', screening, { age: 'ancient', vulnerabilities: 'none' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((error) => error.field).sort()).toEqual(['age', 'vulnerabilities']);
      expect((await api.post('alice', screening, undefined, { rawBody: '{"age": "adult",' })).body).toMatchObject({ status: 400 });
      expect((await api.post('alice', screening, undefined, { rawBody: JSON.stringify({ age: 'adult', vulnerabilities: ['x'.repeat(200)], pad: 'x'.repeat(200_000) }) })).body).toMatchObject({ status: 413 });
      expect((await api.post('alice', screening, { age: 'adult', vulnerabilities: [] }, { key: null })).body).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' });
      expect((await api.post('alice', '/api/v1/readmission-cases/case_NOSUCHCASE0000000001/screening', { age: 'adult', vulnerabilities: [] })).body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
      expect((await api.get('alice', '/api/v1/readmission-cases/Robert%20Smith')).body).toMatchObject({ status: 400, errors: [{ field: 'caseId' }] });
      expect((await casework.readmissions.caseView(caseId)).state).toBe('screening');

      // An Idempotency-Key replays its first answer; reused for another body, it is refused.
      const key = randomUUID();
      const first = await api.post('alice', screening, { age: 'adult', vulnerabilities: [] }, { key });
      const retry = await api.post('alice', screening, { age: 'adult', vulnerabilities: [] }, { key });
      expect(first.status).toBe(200);
      expect(retry).toMatchObject({ status: 200, replayed: true, body: first.body });
      expect((await api.post('alice', screening, { age: 'disputed', vulnerabilities: [] }, { key })).body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
      const view = await casework.readmissions.caseView(caseId);
      expect(view.state).toBe('awaiting-selection');
      expect(view.timeline.filter((entry) => entry.what === 'screened')).toHaveLength(1);
    });
  });
}
