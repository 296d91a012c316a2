import { CASE_DATA_KEYS, EnvelopedCaseDataKeys, loadTemporalConfig } from '@oioo/temporal';
import { DataKeyVault } from './data-key-vault.repository';
import { KeyRingService } from './key-ring.service';

/** The vault and the casework process's own case data keys (no HTTP round trip to itself). */
export const DATA_KEY_PROVIDERS = [
  DataKeyVault,
  KeyRingService,
  {
    provide: CASE_DATA_KEYS,
    useFactory: (vault: DataKeyVault) => new EnvelopedCaseDataKeys(vault, loadTemporalConfig(process.env, 'casework').codec),
    inject: [DataKeyVault],
  },
];
