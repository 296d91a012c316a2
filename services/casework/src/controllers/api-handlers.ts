import { HttpStatus, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { type AuthenticatedRequest, type PersonCaller, ProblemError } from '@oioo/auth';
import type { operationRecordBody, subjectAccessRequestBody } from '@oioo/contracts';
import type { ApiRoute } from '../api/api-route';
import type { auditChainQuery, caseReadQuery, consultationQuery, operationsQuery, queueQuery } from '../api/query-schemas';
import { STEP_ROUTES, type StepRoute } from '../api/routes';
import { AuditStreams } from '../audit/audit-streams.service';
import { CaseReader } from '../cases/case-reader';
import { caseRefOf } from '../cases/case-ref';
import { LedgerReader } from '../cases/ledger-reader';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { OperationsLog } from '../operations/operations-log.repository';
import { WorkQueues } from '../queues/work-queues.service';
import { StepRunner } from '../steps/step-runner';
import { SubjectAccessService } from '../subject-access/subject-access.service';
import { parseWith } from '../steps/request-parsing';

/** An HTTP answer: status, body, and whether it replays the first answer to an Idempotency-Key. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  replayed?: boolean;
}

/** What a handler reads of an Express request. */
export type ApiRequest = AuthenticatedRequest & { params: Record<string, string | undefined>; query: unknown; body: unknown };

/** A read: the verified caller, the request, its parsed query (typed by each read) and its route (for the roles it admits). */
type Read = (caller: PersonCaller, request: ApiRequest, query: never, route: ApiRoute) => Promise<unknown>;

const stepsById = new Map<string, StepRoute>(STEP_ROUTES.map((route) => [route.operationId, route]));

/** Carries out each route of the catalogue: parses its query, then reads or runs the step. */
@Injectable()
export class ApiHandlers {
  private readonly reads: Record<string, Read>;

  constructor(
    private readonly steps: StepRunner,
    private readonly cases: CaseReader,
    private readonly queues: WorkQueues,
    private readonly ledger: LedgerReader,
    private readonly consultations: ConsultationLog,
    private readonly operations: OperationsLog,
    private readonly audit: AuditStreams,
    private readonly subjectAccess: SubjectAccessService,
  ) {
    this.reads = {
      getMe: async (caller) => ({ actorId: caller.actorId, name: caller.name, roles: caller.roles, ...(caller.team ? { team: caller.team } : {}) }),
      listWorkQueue: (caller, _request, query: z.infer<typeof queueQuery>) => this.queues.list(caller, query),
      getReadmissionCase: (caller, request, query: z.infer<typeof caseReadQuery>, route) =>
        this.cases.readmission(caseRefOf('readmission', request.params['caseId']), caller, route.roles, query.purpose),
      getEoiCase: (caller, request, query: z.infer<typeof caseReadQuery>, route) => this.cases.eoi(caseRefOf('eoi', request.params['eoiId']), caller, route.roles, query.purpose),
      getLedgerBalance: () => this.ledger.balance(),
      getWeeklyReport: (_caller, request) => this.ledger.weeklyReport(request.params['isoWeek']),
      listConsultations: (caller, _request, query: z.infer<typeof consultationQuery>) => this.searchConsultations(caller, query),
      // The body is parsed by the route's own schema; who acted is the caller, whatever the body says.
      recordOperation: (caller, request, _query, route) => this.operations.record(caller, parseWith(route.body as typeof operationRecordBody, request.body, 'body')),
      listOperations: async (_caller, _request, query: z.infer<typeof operationsQuery>) => {
        const items = await this.operations.search(query);
        const last = items.at(-1);
        return { items, ...(items.length === query.limit && last ? { nextBefore: last.id } : {}) };
      },
      readAuditChain: (_caller, request, query: z.infer<typeof auditChainQuery>) => this.audit.page(request.params['stream'], query),
      // Who asks is the caller, never the body (which is strict, so it cannot even say).
      requestSubjectAccess: (caller, request, _query, route) => this.subjectAccess.export(caller, parseWith(route.body as typeof subjectAccessRequestBody, request.body, 'body')),
    };
  }

  /** Answers one request to `route`; refusals are thrown as problems for the filter. */
  async handle(route: ApiRoute, request: ApiRequest): Promise<ApiAnswer> {
    const caller = request.caller;
    if (caller?.kind !== 'person') throw new ProblemError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'this route needs a person\'s access token');
    const step = stepsById.get(route.operationId);
    if (step) {
      parseWith(route.query, request.query, 'query');
      const header = request.headers['idempotency-key'];
      return this.steps.run(step, { params: request.params, body: request.body, idempotencyKey: Array.isArray(header) ? header[0] : header, caller });
    }
    const read = this.reads[route.operationId];
    if (!read) throw new Error(`no handler for route ${route.operationId}`);
    const query = parseWith(route.query, request.query, 'query') as never;
    return { status: HttpStatus.OK, body: await read(caller, request, query, route) };
  }

  /** S3: the auditor's search of the log is itself a read of who looked at what, so it is logged too. */
  private async searchConsultations(caller: PersonCaller, query: z.infer<typeof consultationQuery>) {
    const items = await this.consultations.search({ ...(query.caseId ? { caseId: query.caseId } : {}), ...(query.actorId ? { actorId: query.actorId } : {}), ...(query.before ? { before: query.before } : {}), limit: query.limit });
    await this.consultations.record(caller, { caseKind: 'consultation-log', caseId: query.caseId ?? '*', operation: 'listConsultations', purpose: query.purpose });
    const last = items.at(-1);
    return { items, ...(items.length === query.limit && last ? { nextBefore: last.id } : {}) };
  }
}
