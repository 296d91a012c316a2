import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type z } from 'zod';
import { type PersonCaller, ProblemError } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type SubjectAccessExport, type WithheldItem, type subjectAccessRequestBody } from '@oioo/contracts';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { type CaseHistories, type CaseHistory, type PersonCase } from './case-histories';
import { ExemptionTally, applyExemptions, exemptionsOf } from './exemptions';
import { type SubjectAccessSources } from './service-sources';
import { SUBJECT_ACCESS_CONFIG, type SubjectAccessConfig } from './subject-access-config';
import { SourceFailure, type SubjectAccessSourceName, withinBound } from './source-failure';

/** Injection token of the {@link SubjectAccessSources} (null when the services' URLs or casework's client are not configured). */
export const SUBJECT_ACCESS_SOURCES = Symbol('SUBJECT_ACCESS_SOURCES');
/** Injection token of the {@link CaseHistories}. */
export const CASE_HISTORIES = Symbol('CASE_HISTORIES');

/** A subject-access request as the API parsed it. */
export type SubjectAccessRequest = z.infer<typeof subjectAccessRequestBody>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type ExportSource = SubjectAccessExport['exemptions'][number]['source'];

/** The consultation-log operations of a request: made (before anything is read), then how it ended. */
export const SUBJECT_ACCESS_OPERATIONS = { requested: 'subjectAccessRequest', completed: 'subjectAccessCompleted', failed: 'subjectAccessFailed' } as const;

const PROBLEMS: Record<SourceFailure['kind'], { status: HttpStatus; code: string }> = {
  timeout: { status: HttpStatus.GATEWAY_TIMEOUT, code: 'SOURCE_TIMEOUT' },
  unavailable: { status: HttpStatus.BAD_GATEWAY, code: 'SOURCE_UNAVAILABLE' },
  contract: { status: HttpStatus.BAD_GATEWAY, code: 'SOURCE_CONTRACT_BROKEN' },
};

/**
 * Right of access: gathers everything held on one person (identity, legal-review, transport, and the decoded
 * Temporal histories of the cases identity links to them) into one document, applies the exemptions and says
 * which with why, within a bound. S3: the request is in the consultation log before anything is read (who is
 * the verified caller, when is the database's clock), each case read is logged against the case, and how the
 * request ended is logged last. A source that fails or does not answer in time fails the whole request: an
 * export that silently lacks a source would tell the person less than is held.
 */
@Injectable()
export class SubjectAccessService {
  private readonly logger = createLogger('casework').child({ feature: 'subject-access' });

  constructor(
    @Inject(SUBJECT_ACCESS_CONFIG) private readonly config: SubjectAccessConfig,
    @Inject(SUBJECT_ACCESS_SOURCES) private readonly sources: SubjectAccessSources | null,
    @Inject(CASE_HISTORIES) private readonly histories: CaseHistories,
    private readonly consultations: ConsultationLog,
  ) {}

  /** The export for `request`, made by `caller`; a refusal or a failed source is thrown as a problem. */
  async export(caller: PersonCaller, request: SubjectAccessRequest): Promise<SubjectAccessExport> {
    const sources = this.sources;
    if (!sources) {
      throw new ProblemError(HttpStatus.SERVICE_UNAVAILABLE, 'SUBJECT_ACCESS_NOT_CONFIGURED', `the casework service is not configured to reach the services that hold personal data: set ${this.config.missing.join(', ')}`);
    }
    const started = Date.now();
    const recorded = await this.consultations.record(caller, { caseKind: 'person', caseId: request.personId, operation: SUBJECT_ACCESS_OPERATIONS.requested, purpose: request.purpose });
    const requestId = `sar_${recorded.id}`;
    const outcome = (operation: string) => this.consultations.record(caller, { caseKind: 'subject-access-request', caseId: requestId, operation, purpose: request.purpose });
    try {
      const gathered = await this.gather(caller, request, sources, started);
      await outcome(SUBJECT_ACCESS_OPERATIONS.completed);
      this.logger.info('subject-access request completed', { requestId, cases: gathered.cases.length, durationMs: Date.now() - started });
      return {
        request: {
          id: requestId,
          personId: request.personId,
          requestedBy: { actorId: caller.actorId, name: caller.name, roles: [...caller.roles] },
          requestedAt: recorded.at,
          completedAt: new Date().toISOString(),
          purpose: request.purpose,
          ...(request.reference ? { reference: request.reference } : {}),
        },
        sources: { identity: gathered.identity, legalReview: gathered.legalReview, transport: gathered.transport, cases: gathered.cases },
        exemptions: gathered.exemptions,
      } as SubjectAccessExport;
    } catch (error) {
      await outcome(SUBJECT_ACCESS_OPERATIONS.failed);
      if (!(error instanceof SourceFailure)) throw error;
      this.logger.warn('subject-access request failed', { requestId, source: error.source, kind: error.kind });
      const problem = PROBLEMS[error.kind];
      throw new ProblemError(problem.status, problem.code, `${error.message}; nothing was exported, and the request (${requestId}) is recorded as failed in the consultation log`);
    }
  }

  private async gather(caller: PersonCaller, request: SubjectAccessRequest, sources: SubjectAccessSources, started: number) {
    const { personId, purpose } = request;
    const bound = (source: SubjectAccessSourceName) => {
      const left = Math.min(this.config.sourceTimeoutMs, this.config.deadlineMs - (Date.now() - started));
      if (left <= 0) throw new SourceFailure(source, 'timeout', `the request's bound of ${this.config.deadlineMs} ms ran out before ${source} was asked`);
      return left;
    };
    const identity = await withinBound('identity', bound('identity'), (signal) => sources.identity(personId, signal));
    const cases = { readmissionCaseIds: identity.cases.readmission, eoiIds: identity.cases.eoi };
    const personCases: PersonCase[] = [...cases.readmissionCaseIds.map((id) => ({ kind: 'readmission' as const, id })), ...cases.eoiIds.map((id) => ({ kind: 'eoi' as const, id }))];
    // S3: each case whose history is read is logged against the case too, so the case's own consultations show it.
    for (const found of personCases) await this.consultations.record(caller, { caseKind: found.kind, caseId: found.id, operation: SUBJECT_ACCESS_OPERATIONS.requested, purpose });
    const [legalReview, transport, histories] = await Promise.all([
      withinBound('legal-review', bound('legal-review'), (signal) => sources.legalReview(personId, cases, signal)),
      withinBound('transport', bound('transport'), (signal) => sources.transport(personId, cases, signal)),
      Promise.all(personCases.map((found) => this.readHistory(found, bound('case histories')))),
    ]);

    const exemptions: (WithheldItem & { source: ExportSource })[] = [];
    const exempt = <T>(source: ExportSource, label: string, value: T, withheld: WithheldItem[] = []): T => {
      const tally = new ExemptionTally();
      const cleared = applyExemptions(value as Json, personId, tally) as T;
      exemptions.push(...withheld.map((item) => ({ ...item, source })), ...exemptionsOf(tally, label).map((item) => ({ ...item, source })));
      return cleared;
    };
    const { withheld: identityWithheld, ...identityHeld } = identity;
    const { withheld: legalWithheld, ...legalHeld } = legalReview;
    const { withheld: transportWithheld, ...transportHeld } = transport;
    return {
      identity: exempt('identity', 'identity\'s records', identityHeld, identityWithheld),
      legalReview: exempt('legal-review', 'legal-review\'s records', legalHeld, legalWithheld),
      transport: exempt('transport', 'transport\'s records', transportHeld, transportWithheld),
      cases: exempt('cases', 'the case histories', histories),
      exemptions,
    };
  }

  private readHistory(found: PersonCase, ms: number): Promise<CaseHistory> {
    return withinBound('case histories', ms, async (signal) => {
      try {
        return await this.histories.read(found, signal);
      } catch (error) {
        if (error instanceof SourceFailure || signal.aborted) throw error;
        throw new SourceFailure('case histories', 'unavailable', `the history of ${found.kind} case ${found.id} could not be read from Temporal (${error instanceof Error ? error.name : 'error'})`);
      }
    });
  }
}
