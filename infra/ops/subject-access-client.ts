import { type SubjectAccessExport, subjectAccessExportSchema } from '@oioo/contracts';
import { OpsRefusedError } from './ops-caller';

/** The export and its JSON text exactly as the casework API answered it. */
export interface ReceivedExport {
  document: SubjectAccessExport;
  text: string;
}

/** Asks the casework API for a subject-access export (`POST /api/v1/subject-access-requests`) as the verified auditor. */
export class SubjectAccessClient {
  constructor(
    private readonly caseworkUrl: string,
    private readonly token: string,
    /** Longer than the API's own bound (SUBJECT_ACCESS_DEADLINE_MS, 25 s by default), so the API's answer says what ran out. */
    private readonly timeoutMs = 60_000,
  ) {}

  /** The export; a refusal or a failed source is an {@link OpsRefusedError} quoting the API's problem document. */
  async request(body: { personId: string; purpose: string; reference?: string }): Promise<ReceivedExport> {
    let response: Response;
    try {
      response = await fetch(new URL('/api/v1/subject-access-requests', this.caseworkUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OpsRefusedError(`The casework API at ${this.caseworkUrl} cannot be reached (${(error as Error).message}).`, 'Start the casework service (npm start) or set CASEWORK_API_URL to it.');
    }
    const text = await response.text();
    if (!response.ok) {
      let said = text.slice(0, 300);
      try {
        const problem = JSON.parse(text) as { code?: string; detail?: string };
        said = `${problem.code ?? ''}: ${problem.detail ?? said}`;
      } catch {
        // Not a problem document: the raw text says what went wrong.
      }
      const hint = response.status === 403 ? 'Only the auditor role may make subject-access requests.' : response.status >= 500 ? 'A source did not answer in time or failed; the casework log names it. Try again.' : 'Check the person id and the purpose.';
      throw new OpsRefusedError(`The subject-access request answered ${response.status} (${said}).`, hint);
    }
    return { document: subjectAccessExportSchema.parse(JSON.parse(text)), text };
  }
}
