import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ProblemError, RolesAllowed } from '@oioo/auth';
import { type DataKeyLookup, vaultWorkflowIdSchema } from '@oioo/temporal';
import { DataKeyVault } from './data-key-vault.repository';
import { type KeyRingEntry, KeyRingService, type RewrapOutcome } from './key-ring.service';
import { parseWith } from '../steps/request-parsing';

/**
 * Key rotation and the vault for SREs (`npm run ops -- keys ...`): which keys are still needed, re-wrapping,
 * and a case's wrapped key for the ops command's own decoding (replays). Wrapped keys are useless without
 * the key ring, which only the platform's processes and the ops command's environment hold.
 */
@Controller('api/v1')
export class KeyRingController {
  constructor(
    private readonly keyRing: KeyRingService,
    private readonly vault: DataKeyVault,
  ) {}

  /** The ring's keys and how many case data keys each still wraps. */
  @Get('key-ring')
  @RolesAllowed('sre', 'auditor')
  async entries(): Promise<{ activeKeyId: string; keys: KeyRingEntry[] }> {
    return this.keyRing.entries();
  }

  /** Re-wraps every case data key with the active key, so older keys stop being needed by the vault. */
  @Post('key-ring/rewrap')
  @RolesAllowed('sre')
  @HttpCode(HttpStatus.OK)
  async rewrap(): Promise<RewrapOutcome> {
    return this.keyRing.rewrapAll();
  }

  /** One workflow's wrapped data key, for the ops command's replays. */
  @Get('data-keys/:workflowId')
  @RolesAllowed('sre')
  async find(@Param('workflowId') workflowId: string): Promise<DataKeyLookup> {
    const lookup = await this.vault.find(parseWith(vaultWorkflowIdSchema, workflowId, 'path'));
    if (lookup === undefined) throw new ProblemError(HttpStatus.NOT_FOUND, 'NO_DATA_KEY', 'this workflow has no data key');
    return lookup;
  }
}
