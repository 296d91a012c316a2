import { type z } from 'zod';
import {
  consultationPageSchema,
  eoiCaseSchema,
  ledgerBalanceSchema,
  meSchema,
  queuePageSchema,
  readmissionCaseSchema,
  stepResultSchema,
  weeklyReportSchema,
} from '@oioo/contracts';
import { type ApiProblem, ApiRefusedError, ApiUnavailableError, SessionExpiredError } from './casework-errors';

/** A readmission case as the API shows it. */
export type ReadmissionCase = z.infer<typeof readmissionCaseSchema>;
/** An EOI case as the API shows it. */
export type EoiCase = z.infer<typeof eoiCaseSchema>;
/** A page of a work queue. */
export type QueuePage = z.infer<typeof queuePageSchema>;
/** The signed-in person as the API sees them. */
export type Me = z.infer<typeof meSchema>;
/** A page of the consultation log. */
export type ConsultationPage = z.infer<typeof consultationPageSchema>;
/** What an accepted step answers. */
export type StepResult = z.infer<typeof stepResultSchema>;

/** How long one call may take before the page says the API is unavailable. */
const TIMEOUT_MS = 10_000;

/**
 * The casework API as the console calls it, always with the signed-in person's own access token, so
 * the API decides what they may see and do and logs who read what (S3). Answers are parsed with the
 * API's own response schemas; a refusal becomes an {@link ApiRefusedError} with the problem document.
 */
export class CaseworkApi {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
  ) {}

  /** Who the API takes the caller to be. */
  me(): Promise<Me> {
    return this.get('/api/v1/me', meSchema);
  }

  /** A page of the work queue with the given filters. */
  workQueue(query: Record<string, string>): Promise<QueuePage> {
    return this.get(`/api/v1/work-queue?${new URLSearchParams(query)}`, queuePageSchema);
  }

  /** A readmission case; `purpose` is recorded with the read (auditors must give one). */
  readmissionCase(caseId: string, purpose?: string): Promise<ReadmissionCase> {
    return this.get(`/api/v1/readmission-cases/${encodeURIComponent(caseId)}${purposeQuery(purpose)}`, readmissionCaseSchema);
  }

  /** An EOI case; `purpose` as for a readmission case. */
  eoiCase(eoiId: string, purpose?: string): Promise<EoiCase> {
    return this.get(`/api/v1/eoi-cases/${encodeURIComponent(eoiId)}${purposeQuery(purpose)}`, eoiCaseSchema);
  }

  /** The ledger's live balance. */
  ledgerBalance(): Promise<Record<string, unknown>> {
    return this.get('/api/v1/ledger/balance', ledgerBalanceSchema);
  }

  /** One ISO week's report. */
  weeklyReport(isoWeek: string): Promise<Record<string, unknown>> {
    return this.get(`/api/v1/ledger/weekly-reports/${encodeURIComponent(isoWeek)}`, weeklyReportSchema);
  }

  /** A page of the consultation log, newest first. */
  consultations(query: Record<string, string>): Promise<ConsultationPage> {
    return this.get(`/api/v1/consultations?${new URLSearchParams(query)}`, consultationPageSchema);
  }

  /** Takes a human step: `path` is the step's route under /api/v1; the key makes a retried post harmless. */
  step(path: string, body: unknown, idempotencyKey: string): Promise<StepResult> {
    return this.call(path, stepResultSchema, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey } });
  }

  private get<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.infer<Schema>> {
    return this.call(path, schema, { method: 'GET' });
  }

  private async call<Schema extends z.ZodType>(path: string, schema: Schema, init: RequestInit): Promise<z.infer<Schema>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${this.accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiUnavailableError(error instanceof Error ? error.name : 'no answer');
    }
    if (response.status === 401) throw new SessionExpiredError();
    if (response.status >= 500) throw new ApiUnavailableError(`it answered ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new ApiRefusedError(problemFrom(response.status, body));
    return schema.parse(body);
  }
}

function purposeQuery(purpose: string | undefined): string {
  return purpose ? `?${new URLSearchParams({ purpose })}` : '';
}

/** The problem document of a refusal, or one made up from the status when the body is not one. */
function problemFrom(status: number, body: unknown): ApiProblem {
  const candidate = (body ?? {}) as Partial<ApiProblem>;
  return {
    status,
    code: typeof candidate.code === 'string' ? candidate.code : 'REFUSED',
    detail: typeof candidate.detail === 'string' ? candidate.detail : `the casework API answered ${status}`,
    ...(Array.isArray(candidate.errors) ? { errors: candidate.errors.filter((error) => typeof error?.field === 'string' && typeof error?.message === 'string') } : {}),
  };
}
