import { eoiWorkflowId, readmissionWorkflowId } from '@oioo/contracts';
import type { CaseworkSteps } from './casework-steps';
import type { E2eContext } from './e2e-context';
import { LegalRouteSteps, applicantOf, submissionOf } from './legal-route-steps';

const readmissionCase = (caseId: string, step = '') => `/api/v1/readmission-cases/${caseId}${step ? `/${step}` : ''}`;
const eoiCase = (eoiId: string, step = '') => `/api/v1/eoi-cases/${eoiId}${step ? `/${step}` : ''}`;

/** Cases worked by people through the casework API, over HTTP with tokens from the real OIDC provider. */
export function describeCaseworkScenarios(context: E2eContext, casework: CaseworkSteps): void {
  const route = new LegalRouteSteps(context);

  describe('the casework API: people work cases over HTTP with verified identities', () => {
    it('S1 S2 R2 R10 a readmission case goes from the queue through every human step, taken by a caseworker, a senior caseworker and the liaison desk', async () => {
      const { api } = casework;
      const caseId = await casework.openCase('south-east');

      const queue = await casework.waitForQueue('alice', 'kind=readmission&step=screening&pageSize=100', (rows) => rows.some((row) => row.id === caseId));
      const row = queue.items.find((item) => item.id === caseId);
      expect(row).toMatchObject({ kind: 'readmission', team: 'south-east', state: 'screening', waitingOn: 'screening' });
      expect(row?.nextDeadline?.timeLeftSeconds).toEqual(expect.any(Number));
      expect(queue.countsByStep['screening']).toBeGreaterThanOrEqual(1);
      // Another team's caseworker never sees it.
      const otherTeam = await api.get<{ items: { id: string }[] }>('chris', '/api/v1/work-queue?kind=readmission&pageSize=100');
      expect(otherTeam.body.items.map((item) => item.id)).not.toContain(caseId);

      expect((await api.step('alice', readmissionCase(caseId, 'screening'), { age: 'disputed', vulnerabilities: [] })).body).toMatchObject({ state: 'age-assessment' });
      expect((await api.step('alice', readmissionCase(caseId, 'age-assessment'), { outcome: 'adult', assessmentReference: 'AA-2026-0042' })).body).toMatchObject({ state: 'awaiting-selection' });
      await api.step('alice', readmissionCase(caseId, 'selection'), { selected: true, reason: 'meets pilot criteria' });
      await api.step('alice', readmissionCase(caseId, 'detention'), { facility: 'IRC Harmondsworth' });
      await api.step('alice', readmissionCase(caseId, 'inadmissibility-proposal'), { decision: 'inadmissible', reasons: 'travelled through France, a safe third country', evidence: ['doc:ev-1'] });
      const approved = await api.step('bola', readmissionCase(caseId, 'inadmissibility-review'), { approve: true, reason: 'agree with the proposal' });
      expect(approved.body['state']).toMatch(/request-pending|awaiting-reply/);

      await casework.readmissions.waitForCase(caseId, (view) => view.state === 'awaiting-reply');
      await casework.franceAnswers(caseId, 1, { kind: 'refused', ground: 'insufficient-evidence' });
      await casework.readmissions.waitForCase(caseId, (view) => view.state === 'refused-correctable');
      await casework.waitForQueue('lina', 'step=corrected-request&pageSize=100', (rows) => rows.some((item) => item.id === caseId));
      await api.step('lina', readmissionCase(caseId, 'corrected-request'), { corrections: 'interception record HMC-INT-77 attached' });
      await casework.franceAnswers(caseId, 2, { kind: 'accepted' });
      await casework.readmissions.waitForCase(caseId, (view) => view.state === 'removal-directions');
      await api.step('alice', readmissionCase(caseId, 'removal-directions-proposal'), { reasons: 'France accepted the corrected request' });
      await api.step('bola', readmissionCase(caseId, 'removal-directions-review'), { approve: true, reason: 'directions in order' });
      await casework.readmissions.movementToHandover(caseId);
      expect(await context.platform.client.workflow.getHandle(readmissionWorkflowId(caseId)).result()).toMatchObject({ outcome: 'transferred' });

      // S2: the timeline names the verified people, by their ids and (as the API has seen them) their names.
      const view = await api.get<{ timeline: { what: string; by?: string; byName?: string }[]; state: string; view: string }>('alice', readmissionCase(caseId));
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ state: 'transferred', view: 'full' });
      const decision = view.body.timeline.find((entry) => entry.what === 'decision:inadmissibility');
      expect(decision).toMatchObject({ by: 'cw_01BOLA00000000000000', byName: 'Bola Adeyemi' });
      expect(view.body.timeline.find((entry) => entry.what === 'screened')).toMatchObject({ by: 'cw_01ALICE0000000000000', byName: 'Alice Ashworth' });

      // S2: every step is in the hash-chained decisions stream: who, which step, the choice and evidence, never the free text.
      const decisions = await api.get<{ entries: { fields: Record<string, unknown> }[] }>('sam', '/api/v1/audit/decisions?limit=1000');
      const ofCase = decisions.body.entries.map((entry) => entry.fields).filter((fields) => fields['workflow_id'] === readmissionWorkflowId(caseId));
      expect(ofCase.map((fields) => fields['step'])).toEqual([
        'recordScreening', 'recordAgeAssessment', 'decideSelection', 'recordDetention', 'proposeInadmissibility', 'reviewInadmissibility',
        'submitCorrectedRequest', 'proposeRemovalDirections', 'reviewRemovalDirections',
      ]);
      expect(ofCase.find((fields) => fields['step'] === 'reviewInadmissibility')).toMatchObject({ actor_id: 'cw_01BOLA00000000000000', choices: { approve: true }, outcome: 'accepted', status: 200 });
      expect(ofCase.find((fields) => fields['step'] === 'proposeInadmissibility')).toMatchObject({ choices: { decision: 'inadmissible' }, evidence: ['doc:ev-1'] });
      expect(JSON.stringify(ofCase)).not.toContain('IRC Harmondsworth');
    });

    it('S1 one person cannot take both halves of a decision, whichever session they use', async () => {
      const { api } = casework;
      const caseId = await casework.openCase('south-east');
      await api.step('bola', readmissionCase(caseId, 'screening'), { age: 'adult', vulnerabilities: [] });
      await api.step('bola', readmissionCase(caseId, 'selection'), { selected: true, reason: 'meets pilot criteria' });
      await api.step('bola', readmissionCase(caseId, 'detention'), { facility: 'IRC Harmondsworth' });
      await api.step('bola', readmissionCase(caseId, 'inadmissibility-proposal'), { decision: 'inadmissible', reasons: 'safe third country', evidence: [] });

      // The same person signs in again (another session, another token) and tries to approve.
      const secondSession = await casework.sessions.fresh('bola');
      const refused = await api.post('bola', readmissionCase(caseId, 'inadmissibility-review'), { approve: true, reason: 'agree' }, { token: secondSession });
      expect(refused.status).toBe(409);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'SAME_PERSON_APPROVAL', status: 409 });
      // A caseworker may not approve at all; a senior caseworker of another team does not even see the case.
      expect((await api.post('alice', readmissionCase(caseId, 'inadmissibility-review'), { approve: true, reason: 'agree' })).status).toBe(403);
      expect((await api.post('dana', readmissionCase(caseId, 'inadmissibility-review'), { approve: true, reason: 'agree' })).body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });

      const view = await casework.readmissions.caseView(caseId);
      expect(view.state).toBe('inadmissibility-approval');
      expect(view.timeline.some((entry) => entry.what === 'decision:inadmissibility')).toBe(false);
    });

    it('S1 E7 Q6 an EOI is decided by two people of the legal-route team over HTTP, then its grant is revoked; another is withdrawn', async () => {
      const { api } = casework;
      const submission = await casework.eoiAwaitingDecision();
      await casework.waitForQueue('erin', 'kind=eoi&step=decision-proposal&pageSize=100', (rows) => rows.some((row) => row.id === submission.eoiId));

      await api.step('erin', eoiCase(submission.eoiId, 'decision-proposal'), { decision: 'grant', reasons: 'eligible; every check clear', evidence: [] });
      expect((await api.post('erin', eoiCase(submission.eoiId, 'decision-review'), { approve: true, reason: 'agree' })).status).toBe(403);
      const granted = await api.step('femi', eoiCase(submission.eoiId, 'decision-review'), { approve: true, reason: 'agree with the proposal' });
      expect(granted.body).toMatchObject({ state: 'granted' });
      const eoiView = await api.get<{ state: string; people: unknown[]; timeline: { by?: string }[] }>('femi', eoiCase(submission.eoiId));
      expect(eoiView.body.state).toBe('granted');
      expect(eoiView.body.people).toHaveLength(1);

      const revoked = await api.step('femi', eoiCase(submission.eoiId, 'grant-revocation'), { reason: 'new information on suitability' });
      expect(revoked.body).toMatchObject({ state: 'revoked' });
      expect(await context.platform.client.workflow.getHandle(eoiWorkflowId(submission.eoiId)).result()).toMatchObject({ outcome: 'revoked' });

      const other = submissionOf([applicantOf()]);
      await route.publishSubmission(other);
      await route.confirmPresence(other.eoiId);
      await route.waitForEoi(other.eoiId, (view) => view.state === 'held' || view.state === 'invited');
      expect((await api.step('erin', eoiCase(other.eoiId, 'withdrawal'), { reason: 'the applicant withdrew on the portal' })).body).toMatchObject({ state: 'withdrawn' });
    });

    it('Q3 Q4 the ledger officer reads the balance, pauses and resumes intake; others may not', async () => {
      const { api } = casework;
      const balance = await api.get<{ readmissions: number; firstWeek: string }>('leo', '/api/v1/ledger/balance');
      expect(balance.status).toBe(200);
      expect(balance.body.readmissions).toBeGreaterThan(0);
      expect((await api.get('leo', `/api/v1/ledger/weekly-reports/${balance.body.firstWeek}`)).body).toMatchObject({ isoWeek: balance.body.firstWeek });
      expect((await api.post('alice', '/api/v1/ledger/intake-pause', { reason: 'not mine to pause' })).status).toBe(403);
      expect((await api.step('leo', '/api/v1/ledger/intake-pause', { reason: 'committee asked for a pause' })).body).toMatchObject({ result: { paused: true } });
      expect((await api.post('leo', '/api/v1/ledger/intake-pause', { reason: 'again' })).body).toMatchObject({ status: 409, code: 'ALREADY_PAUSED' });
      expect((await api.step('leo', '/api/v1/ledger/intake-resume', { reason: 'committee lifted the pause' })).body).toMatchObject({ result: { paused: false } });
    });

    // Last of the ledger's steps in the run: notice switches the pilot's ledger to reconciliation for good.
    it('Q5 the ledger officer records notice of termination once; a second notice is refused', async () => {
      const { api } = casework;
      const notice = await api.step('leo', '/api/v1/ledger/notice-of-termination', { reason: 'France gave one month\'s notice' });
      expect(notice.body['result']).toMatchObject({ endsAt: expect.any(String), imbalance: expect.any(Number) });
      expect((await api.post('leo', '/api/v1/ledger/notice-of-termination', { reason: 'again' })).body).toMatchObject({ status: 409, code: 'NOTICE_ALREADY_GIVEN' });
      expect((await api.get<{ mode: string }>('leo', '/api/v1/ledger/balance')).body.mode).toBe('reconciliation');
    });
  });
}
