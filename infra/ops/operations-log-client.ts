import { type OperationEntry, type OperationRecord, operationPageSchema, operationRecordedSchema } from '@oioo/contracts';
import { OpsRefusedError } from './ops-caller';

/**
 * The casework API's operations log, written as the verified SRE: the server records who (from the token)
 * and when (its clock). A failed write stops the command: nothing is done that is not on record.
 */
export class OperationsLogClient {
  constructor(
    private readonly caseworkUrl: string,
    private readonly token: string,
  ) {}

  /** Fails unless the log answers this caller, so a command that could not log stops before it starts. */
  async check(): Promise<void> {
    operationPageSchema.parse(await this.call('GET', '/api/v1/operations?limit=1'));
  }

  /** Records an entry; returns its id for the closing entry to quote. */
  async record(entry: OperationRecord): Promise<string> {
    const response = await this.call('POST', '/api/v1/operations', entry);
    return operationRecordedSchema.parse(response).id;
  }

  /** Entries that touched `target` (a workflow id, a batch job, `<topic>/<partition>/<offset>`), newest first. */
  async touching(target: string, verb?: OperationEntry['verb']): Promise<OperationEntry[]> {
    const query = new URLSearchParams({ target, limit: '200', ...(verb ? { verb } : {}) });
    return operationPageSchema.parse(await this.call('GET', `/api/v1/operations?${query.toString()}`)).items;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.caseworkUrl), {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new OpsRefusedError(`The operations log at ${this.caseworkUrl} cannot be reached (${(error as Error).message}); nothing was done.`, 'Start the casework service (npm start) or set CASEWORK_API_URL to it.');
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
      } catch {
        // Not a problem document: the raw text says what went wrong.
      }
      throw new OpsRefusedError(`The operations log answered ${response.status} (${detail}); nothing more was done.`, response.status === 403 ? 'Only the sre role may write the operations log.' : 'Check the casework service log.');
    }
    return JSON.parse(text) as unknown;
  }
}
