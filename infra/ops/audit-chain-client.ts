import { type AuditChainPage, type AuditStream, auditChainPageSchema } from '@oioo/contracts';
import { OpsRefusedError } from './ops-caller';

/** Reads the casework API's audit streams (`GET /api/v1/audit/<stream>`) as the verified SRE, page by page. */
export class AuditChainClient {
  constructor(
    private readonly caseworkUrl: string,
    private readonly token: string,
  ) {}

  /** One page of `stream` after sequence number `after`. */
  async page(stream: AuditStream, after: number): Promise<AuditChainPage> {
    const url = new URL(`/api/v1/audit/${stream}?after=${after}&limit=1000`, this.caseworkUrl);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new OpsRefusedError(`The casework API at ${this.caseworkUrl} cannot be reached (${(error as Error).message}).`, 'Start the casework service (npm start) or set CASEWORK_API_URL to it.');
    }
    const text = await response.text();
    if (!response.ok) throw new OpsRefusedError(`The audit stream ${stream} answered ${response.status} (${text.slice(0, 300)}).`, 'Check the casework service log.');
    return auditChainPageSchema.parse(JSON.parse(text));
  }
}
