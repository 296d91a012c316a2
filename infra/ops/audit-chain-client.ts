import { AUDIT_STREAM_KEEPERS, type AuditChainPage, type AuditKeeper, type AuditStream, auditChainPageSchema } from '@oioo/contracts';
import { OpsRefusedError } from './ops-caller';

/** Where each service that keeps audit streams answers (legal-review's only when LEGAL_REVIEW_URL is set). */
export type AuditKeeperUrls = { casework: string } & Partial<Record<AuditKeeper, string>>;

/** Each keeper's read route and the setting that names its address. */
const ROUTES: Readonly<Record<AuditKeeper, { path: (stream: AuditStream) => string; setting: string }>> = {
  casework: { path: (stream) => `/api/v1/audit/${stream}`, setting: 'CASEWORK_API_URL' },
  'legal-review': { path: (stream) => `/audit/${stream}`, setting: 'LEGAL_REVIEW_URL' },
};

/** Reads the audit streams (casework's `GET /api/v1/audit/<stream>`, legal-review's `GET /audit/<stream>`) as the verified SRE, page by page. */
export class AuditChainClient {
  constructor(
    private readonly urls: AuditKeeperUrls,
    private readonly token: string,
  ) {}

  /** One page of `stream` after sequence number `after`, from the service that keeps it. */
  async page(stream: AuditStream, after: number): Promise<AuditChainPage> {
    const keeper = AUDIT_STREAM_KEEPERS[stream];
    const { path, setting } = ROUTES[keeper];
    const base = this.urls[keeper];
    if (!base) throw new OpsRefusedError(`The ${stream} stream is kept by the ${keeper} service, and ${setting} is not set.`, `Set ${setting} to the ${keeper} service's address.`);
    const url = new URL(`${path(stream)}?after=${after}&limit=1000`, base);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new OpsRefusedError(`The ${keeper} service at ${base} cannot be reached (${(error as Error).message}).`, `Start the ${keeper} service (npm start) or set ${setting} to it.`);
    }
    const text = await response.text();
    if (!response.ok) throw new OpsRefusedError(`The audit stream ${stream} answered ${response.status} (${text.slice(0, 300)}).`, `Check the ${keeper} service log.`);
    return auditChainPageSchema.parse(JSON.parse(text));
  }
}
