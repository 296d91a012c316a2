import { Topics } from '@oioo/contracts';
import { DEFAULT_READMISSION_TEAMS, teamFor } from '@oioo/identity';
import { Sessions } from '../support/people-tokens';
import { eventually, uniqueOpaqueId } from '../support/stack';
import { CaseworkClient } from './casework-client';
import { type E2eContext, eventsOn } from './e2e-context';
import { LegalRouteSteps, applicantOf, submissionOf } from './legal-route-steps';
import { ReadmissionSteps, arrivalOf } from './readmission-steps';

/** A row of the work queue as the API lists it. */
export interface QueueRow {
  kind: string;
  id: string;
  team?: string;
  state: string;
  waitingOn: string;
  nextDeadline?: { rule: string; at: string; timeLeftSeconds: number; status: string };
}

/** What the casework scenarios share: the API as people call it, and cases opened in the team a test needs. */
export class CaseworkSteps {
  readonly sessions = new Sessions();
  readonly readmissions: ReadmissionSteps;
  private client?: CaseworkClient;

  constructor(private readonly context: E2eContext) {
    this.readmissions = new ReadmissionSteps(context);
  }

  /** The casework API of the running platform, called with each person's own session. */
  get api(): CaseworkClient {
    this.client ??= new CaseworkClient(this.context.platform.urls.casework, this.sessions);
    return this.client;
  }

  /**
   * An EOI of one applicant taken to its decision: submitted, presence confirmed, a place released (people
   * are readmitted until the ledger has one for it, E6), the visa centre attended and the security checks
   * cleared. Resolves with the submission once the case waits for a decision.
   */
  async eoiAwaitingDecision(): Promise<ReturnType<typeof submissionOf>> {
    const route = new LegalRouteSteps(this.context);
    const submission = submissionOf([applicantOf()]);
    await route.publishSubmission(submission);
    await route.confirmPresence(submission.eoiId);
    for (let readmitted = 0; (await route.eoiView(submission.eoiId)).state !== 'invited'; readmitted += 1) {
      if (readmitted >= 4) throw new Error(`the EOI was never invited: ${JSON.stringify(await route.balance())}`);
      await this.readmissions.readmit();
      await eventually(() => route.eoiView(submission.eoiId), (view) => view.state === 'invited', 15_000).catch(() => undefined);
    }
    await route.attendVisaCentre(submission.eoiId);
    await route.clearSecurityChecks(submission.eoiId);
    await route.waitForEoi(submission.eoiId, (view) => view.state === 'decision');
    return submission;
  }

  /** A case id identity will give to `team` at intake (teams are shared out by a hash of the case id). */
  caseIdIn(team: string): string {
    for (;;) {
      const caseId = uniqueOpaqueId('case');
      if (teamFor(caseId, DEFAULT_READMISSION_TEAMS) === team) return caseId;
    }
  }

  /** Border Force records an arrival whose case lands in `team`; resolves once the case waits for its screening. */
  async openCase(team: string, overrides: Parameters<typeof arrivalOf>[1] = {}): Promise<string> {
    const data = arrivalOf(this.caseIdIn(team), overrides);
    await this.readmissions.publishArrival(data);
    await this.readmissions.waitForCase(data.caseId, (view) => view.state !== 'awaiting-arrival');
    return data.caseId;
  }

  /** Polls `username`'s work queue until `accept` holds for the rows (visibility catches up within a second or two). */
  waitForQueue(username: string, query: string, accept: (rows: QueueRow[]) => boolean) {
    return eventually(
      async () => (await this.api.get<{ items: QueueRow[]; countsByStep: Record<string, number>; total: number }>(username, `/api/v1/work-queue?${query}`)).body,
      (page) => Array.isArray(page.items) && accept(page.items),
      30_000,
    );
  }

  /** France answers the latest of the requests sent about a case (waiting until `requestsSoFar` have gone), as France's system would publish it. */
  async franceAnswers(caseId: string, requestsSoFar: number, answer: { kind: 'accepted' } | { kind: 'refused'; ground: 'insufficient-evidence' }): Promise<void> {
    const requests = await eventually(
      async () => eventsOn<{ caseId: string; requestReference: string }>(this.context.sent.requests).filter((event) => event.data?.caseId === caseId),
      (found) => found.length >= requestsSoFar,
    );
    const { requestReference } = (requests.at(-1) as { data: { requestReference: string } }).data;
    await this.context.producer.publish(Topics.franceReplied, { subject: caseId, source: 'fr-ministry-interior', occurredAt: new Date().toISOString(), data: { requestReference, caseId, ...answer } });
  }
}
