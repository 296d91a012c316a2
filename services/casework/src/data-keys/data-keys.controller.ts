import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { CurrentService, ProblemError, type ServiceCaller, ServicesAllowed } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type DestroyDataKeysResult, destroyDataKeysBodySchema } from '@oioo/contracts';
import { CASE_DATA_KEYS, type DataKeyLookup, type EnvelopedCaseDataKeys, vaultWorkflowIdSchema, wrappedDataKeySchema } from '@oioo/temporal';
import { parseWith } from '../steps/request-parsing';
import { DataKeyVault } from './data-key-vault.repository';

/**
 * The data-key vault for the platform's processes (client-credentials tokens only): every process that
 * encrypts or decrypts Temporal payloads fetches a case's wrapped key here, or stores the one it made for a
 * new case. Keys leave only wrapped; unwrapping needs the key ring, which the vault does not need to hold.
 */
@Controller('internal/v1/data-keys')
export class DataKeysController {
  private readonly logger = createLogger('casework').child({ feature: 'data-key-vault' });

  constructor(
    private readonly vault: DataKeyVault,
    @Inject(CASE_DATA_KEYS) private readonly ownKeys: EnvelopedCaseDataKeys,
  ) {}

  /** A workflow's wrapped data key, or (state `destroyed`) when and why it was destroyed (S4). */
  @Get(':workflowId')
  @ServicesAllowed()
  async find(@Param('workflowId') workflowId: string): Promise<DataKeyLookup> {
    const lookup = await this.vault.find(parseWith(vaultWorkflowIdSchema, workflowId, 'path'));
    if (lookup === undefined) throw new ProblemError(HttpStatus.NOT_FOUND, 'NO_DATA_KEY', 'this workflow has no data key');
    return lookup;
  }

  /** Stores a new case's wrapped data key unless it has one already; answers the one that is kept (first writer wins). */
  @Post()
  @ServicesAllowed()
  @HttpCode(HttpStatus.OK)
  async create(@Body() body: unknown): Promise<DataKeyLookup> {
    return this.vault.createIfAbsent(parseWith(wrappedDataKeySchema, body, 'body'));
  }

  /** S4: destroys the data keys of closed cases past retention, which shreds their histories; the retention sweep only. */
  @Post('destroy')
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.OK)
  async destroy(@CurrentService() caller: ServiceCaller, @Body() body: unknown): Promise<DestroyDataKeysResult> {
    const request = parseWith(destroyDataKeysBodySchema, body, 'body');
    const result = await this.vault.destroy(request.workflowIds, request.reason, caller.clientId);
    // This process (the codec server, the API) stops reading them now; others within their cache's lifetime.
    this.ownKeys.forget(request.workflowIds);
    this.logger.info('case data keys destroyed', {
      caller: caller.clientId,
      reason: request.reason,
      destroyed: result.destroyed.length,
      alreadyDestroyed: result.alreadyDestroyed.length,
      unknown: result.unknown.length,
    });
    return result;
  }
}
