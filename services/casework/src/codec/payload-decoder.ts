import { Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { PersonCaller } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { EncryptionCodec, PayloadDecryptionError, isEncryptedPayload } from '@oioo/temporal';
import type { CaseScope } from '../access/case-access';
import { CaseDirectory } from '../cases/case-directory';
import type { CaseRef } from '../cases/case-ref';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { disclosureFor } from './codec-access';
import { CODEC_SERVER_CONFIG, type CodecServerConfig } from './codec-config';
import { ConsultationWindow } from './consultation-window';
import { caseRefOfWorkflowId } from './owning-case';
import { redactPayload } from './payload-redaction';

/** Injection token of the codec the codec server decrypts with: the platform's, from `TEMPORAL_CODEC_*`. */
export const CODEC_SERVER_CODEC = Symbol('CODEC_SERVER_CODEC');

/** How long a case's team, read from its search attributes, is trusted: a workflow page sends many decode calls. */
const SCOPE_CACHE_MS = 30_000;

/**
 * Decodes payloads for the Temporal Web UI and CLI under the casework API's access rules. The owning
 * case of each payload is the workflow id its encryption recorded (authenticated, so it cannot be
 * swapped); its team comes from the case's `CaseTeam` search attribute, never from the request. A payload
 * the caller may not read comes back as it was sent (ciphertext); SREs get the non-personal fields only;
 * a whole payload is recorded in the consultation log (S3) before it leaves.
 */
@Injectable()
export class PayloadDecoder {
  private readonly logger = createLogger('casework').child({ feature: 'codec' });
  private readonly scopes = new Map<string, { scope: CaseScope | undefined; at: number }>();
  private readonly window: ConsultationWindow;

  constructor(
    @Inject(CODEC_SERVER_CODEC) private readonly codec: EncryptionCodec,
    @Inject(CODEC_SERVER_CONFIG) config: CodecServerConfig,
    private readonly cases: CaseDirectory,
    private readonly consultations: ConsultationLog,
  ) {
    this.window = new ConsultationWindow(config.consultationWindowMs);
  }

  /** The payloads as this caller may see them, in the order given. */
  async decode(caller: PersonCaller, payloads: Payload[]): Promise<Payload[]> {
    const wholeCases = new Map<string, CaseRef>();
    const answers: Payload[] = [];
    let undecodable = 0;
    for (const payload of payloads) {
      // A payload stored in clear is already readable by anyone who reads the history: nothing to withhold.
      if (!isEncryptedPayload(payload)) {
        answers.push(payload);
        continue;
      }
      const ref = caseRefOfWorkflowId(EncryptionCodec.workflowIdOf(payload));
      const disclosure = disclosureFor(caller, ref ? await this.scopeOf(ref) : undefined);
      if (disclosure === 'none') {
        answers.push(payload);
        continue;
      }
      let decoded: Payload;
      try {
        [decoded] = (await this.codec.decode([payload])) as [Payload];
      } catch (error) {
        if (!(error instanceof PayloadDecryptionError)) throw error;
        undecodable += 1;
        answers.push(payload);
        continue;
      }
      if (disclosure === 'redacted') {
        answers.push(redactPayload(decoded));
        continue;
      }
      if (ref) wholeCases.set(ref.workflowId, ref);
      answers.push(decoded);
    }
    if (undecodable > 0) this.logger.warn('payloads the codec could not decrypt were returned as they came', { count: undecodable });
    await this.recordConsultations(caller, [...wholeCases.values()]);
    return answers;
  }

  /** S3: the whole payloads of each case are a read of its personal data, logged before they are returned. */
  private async recordConsultations(caller: PersonCaller, cases: CaseRef[]): Promise<void> {
    for (const ref of cases) {
      if (!this.window.shouldRecord(caller.actorId, ref.workflowId)) continue;
      try {
        await this.consultations.record(caller, { caseKind: ref.kind, caseId: ref.id, operation: 'codecDecode', purpose: 'casework (Temporal Web UI or CLI)' });
      } catch (error) {
        this.window.forget(caller.actorId, ref.workflowId);
        throw error;
      }
    }
  }

  /** The case's kind and team as access control needs them; undefined when no workflow has that id any more. */
  private async scopeOf(ref: CaseRef): Promise<CaseScope | undefined> {
    const cached = this.scopes.get(ref.workflowId);
    if (cached && Date.now() - cached.at < SCOPE_CACHE_MS) return cached.scope;
    const found = await this.cases.find(ref);
    const scope = found ? { kind: found.kind, ...(found.team ? { team: found.team } : {}) } : undefined;
    if (this.scopes.size > 10_000) this.scopes.clear();
    this.scopes.set(ref.workflowId, { scope, at: Date.now() });
    return scope;
  }
}
