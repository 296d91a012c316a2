import { z } from 'zod';
import { OpsRefusedError } from './ops-caller';

const keyRingSchema = z.object({
  activeKeyId: z.string(),
  keys: z.array(z.object({ keyId: z.string(), active: z.boolean(), wrapsDataKeys: z.number().int().min(0) })),
});

/** The codec key ring as the casework service holds it, with what each key wraps in the vault. */
export type KeyRingView = z.infer<typeof keyRingSchema>;

const rewrapSchema = z.object({ activeKeyId: z.string(), rewrapped: z.number().int(), skipped: z.number().int() });

/** What a re-wrap did. */
export type RewrapResult = z.infer<typeof rewrapSchema>;

/** The casework service's key-ring routes (`/api/v1/key-ring`), as the verified SRE. */
export class KeyRingClient {
  constructor(
    private readonly caseworkUrl: string,
    private readonly token: string,
  ) {}

  /** The ring's keys and the data keys each wraps. */
  async view(): Promise<KeyRingView> {
    return keyRingSchema.parse(await this.call('GET', '/api/v1/key-ring'));
  }

  /** Re-wraps every data key with the active key. */
  async rewrap(): Promise<RewrapResult> {
    return rewrapSchema.parse(await this.call('POST', '/api/v1/key-ring/rewrap'));
  }

  private async call(method: 'GET' | 'POST', path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.caseworkUrl), { method, headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' }, signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      throw new OpsRefusedError(`The casework API at ${this.caseworkUrl} cannot be reached (${(error as Error).message}).`, 'Start the casework service (npm start) or set CASEWORK_API_URL to it.');
    }
    const text = await response.text();
    if (!response.ok) throw new OpsRefusedError(`${method} ${path} answered ${response.status} (${text.slice(0, 300)}).`, 'Check the casework service log.');
    return JSON.parse(text);
  }
}
