import { type z } from 'zod';
import { type AccessTokenSource } from '@oioo/auth';
import {
  type IdentitySubjectAccess,
  type LegalReviewSubjectAccess,
  type SubjectAccessCases,
  type TransportSubjectAccess,
  identitySubjectAccessSchema,
  legalReviewSubjectAccessSchema,
  transportSubjectAccessSchema,
} from '@oioo/contracts';
import { SourceFailure, type SubjectAccessSourceName } from './source-failure';

/** What the casework service asks each service for a subject-access export; the HTTP one below, or a spec's fake. */
export interface SubjectAccessSources {
  identity(personId: string, signal: AbortSignal): Promise<IdentitySubjectAccess>;
  legalReview(personId: string, cases: SubjectAccessCases, signal: AbortSignal): Promise<LegalReviewSubjectAccess>;
  transport(personId: string, cases: SubjectAccessCases, signal: AbortSignal): Promise<TransportSubjectAccess>;
}

/**
 * The services' `GET /internal/v1/subject-access/{personId}` routes, called with the casework service's own
 * client-credentials token (svc-casework), the only client they admit. A 401 is tried once more with a fresh
 * token (it may have just expired); any other failure is a {@link SourceFailure}.
 */
export class HttpSubjectAccessSources implements SubjectAccessSources {
  constructor(
    private readonly urls: { identity: string; legalReview: string; transport: string },
    private readonly tokens: AccessTokenSource,
  ) {}

  identity(personId: string, signal: AbortSignal): Promise<IdentitySubjectAccess> {
    return this.get('identity', this.urls.identity, personId, undefined, identitySubjectAccessSchema, signal);
  }

  legalReview(personId: string, cases: SubjectAccessCases, signal: AbortSignal): Promise<LegalReviewSubjectAccess> {
    return this.get('legal-review', this.urls.legalReview, personId, cases, legalReviewSubjectAccessSchema, signal);
  }

  transport(personId: string, cases: SubjectAccessCases, signal: AbortSignal): Promise<TransportSubjectAccess> {
    return this.get('transport', this.urls.transport, personId, cases, transportSubjectAccessSchema, signal);
  }

  private async get<Schema extends z.ZodType>(source: SubjectAccessSourceName, baseUrl: string, personId: string, cases: SubjectAccessCases | undefined, schema: Schema, signal: AbortSignal): Promise<z.infer<Schema>> {
    const url = new URL(`/internal/v1/subject-access/${encodeURIComponent(personId)}`, baseUrl);
    if (cases) {
      url.searchParams.set('readmissionCaseIds', cases.readmissionCaseIds.join(','));
      url.searchParams.set('eoiIds', cases.eoiIds.join(','));
    }
    let token = await this.token(source, signal);
    let response = await this.send(source, url, token, signal);
    if (response.status === 401) {
      await response.text().catch(() => '');
      this.tokens.invalidate?.(token);
      token = await this.token(source, signal);
      response = await this.send(source, url, token, signal);
    }
    const text = await response.text();
    if (!response.ok) throw new SourceFailure(source, 'unavailable', `${source} answered ${response.status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SourceFailure(source, 'contract', `${source} answered something that is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SourceFailure(source, 'contract', `${source} answered a body that breaks its contract: ${parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ')}`);
    return parsed.data;
  }

  private async token(source: SubjectAccessSourceName, signal: AbortSignal): Promise<string> {
    try {
      return await this.tokens.token();
    } catch (error) {
      if (signal.aborted) throw error;
      throw new SourceFailure(source, 'unavailable', `no access token to call ${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(source: SubjectAccessSourceName, url: URL, token: string, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new SourceFailure(source, 'unavailable', `${source} cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
