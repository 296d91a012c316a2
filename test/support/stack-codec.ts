import { EncryptionCodec, loadTemporalConfig, vaultCaseDataKeys } from '@oioo/temporal';
import { workerTokenSource } from './service-tokens';
import { stackEnv } from './stack';

/**
 * A codec as a process that has never seen a case key would have one (no cache to outlive a destruction): the
 * stack's key ring and the casework vault at `caseworkUrl`, with the worker's credentials.
 */
export function stackCodecOf(caseworkUrl: string): EncryptionCodec {
  const config = { ...loadTemporalConfig(stackEnv()), vaultUrl: caseworkUrl };
  return new EncryptionCodec(config.codec, vaultCaseDataKeys(config, workerTokenSource()));
}
