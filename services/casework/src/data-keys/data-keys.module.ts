import { Global, Module } from '@nestjs/common';
import { CASE_DATA_KEYS } from '@oioo/temporal';
import { DATA_KEY_PROVIDERS } from './data-key-providers';
import { DataKeyVault } from './data-key-vault.repository';
import { KeyRingService } from './key-ring.service';

/** The data-key vault, global so the Temporal client module finds the in-process case data keys (S4). */
@Global()
@Module({ providers: DATA_KEY_PROVIDERS, exports: [CASE_DATA_KEYS, DataKeyVault, KeyRingService] })
export class DataKeysModule {}
