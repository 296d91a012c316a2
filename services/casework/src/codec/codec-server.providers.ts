import { type MiddlewareConsumer, RequestMethod } from '@nestjs/common';
import { CASE_DATA_KEYS, type CaseDataKeys, createEncryptionCodec, loadTemporalConfig } from '@oioo/temporal';
import { CODEC_SERVER_CONFIG, loadCodecServerConfig } from './codec-config';
import { CodecCorsMiddleware } from './codec-cors.middleware';
import { CODEC_SERVER_CODEC, PayloadDecoder } from './payload-decoder';

/** The codec server's providers, added to the casework module (they share its case directory and consultation log). */
export const CODEC_SERVER_PROVIDERS = [
  { provide: CODEC_SERVER_CONFIG, useFactory: () => loadCodecServerConfig() },
  {
    provide: CODEC_SERVER_CODEC,
    useFactory: (dataKeys: CaseDataKeys) => createEncryptionCodec(loadTemporalConfig(process.env, 'casework'), dataKeys),
    inject: [CASE_DATA_KEYS],
  },
  PayloadDecoder,
];

/** Puts the codec routes' CORS in front of the guard, so a preflight (which carries no token) is answered. */
export function applyCodecCors(consumer: MiddlewareConsumer): void {
  consumer.apply(CodecCorsMiddleware).forRoutes({ path: 'codec/*path', method: RequestMethod.ALL });
}
