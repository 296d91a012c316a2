import { type DataConverter } from '@temporalio/common';
import { createEncryptionCodec } from './encryption.codec';
import { type TemporalConfig } from './temporal-config';

/**
 * The data converter every client and worker of the platform uses: default JSON conversion, then encryption.
 * Client and worker must agree on it, or one side cannot read what the other wrote.
 */
export function temporalDataConverter(config: Pick<TemporalConfig, 'codec'>): DataConverter {
  return { payloadCodecs: [createEncryptionCodec(config)] };
}
