import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { CurrentPerson, type PersonCaller, ProblemError, RolesAllowed } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { type EncryptionCodec } from '@oioo/temporal';
import { DECODE_ROLES, mayEncode } from './codec-access';
import { CODEC_SERVER_CONFIG, type CodecServerConfig } from './codec-config';
import { type WirePayload, parseCodecRequest, toWire } from './codec-payloads';
import { CODEC_SERVER_CODEC, PayloadDecoder } from './payload-decoder';

/**
 * The codec server of the Temporal Web UI and CLI (Temporal's remote codec protocol): `POST /codec/decode`
 * and `/codec/encode`, the namespace in `X-Namespace` or in the path (`/codec/{namespace}/decode`, as the
 * CLI templates it; CLI 1.5.1 leaves the namespace empty unless `--namespace` is given, so `/codec` is the
 * endpoint to hand out). Every call needs a person's access token; what a decode returns follows the casework
 * API's access rules, payload by payload (see {@link PayloadDecoder}).
 */
@Controller('codec')
export class CodecController {
  private readonly logger = createLogger('casework').child({ feature: 'codec' });

  constructor(
    private readonly decoder: PayloadDecoder,
    @Inject(CODEC_SERVER_CODEC) private readonly codec: EncryptionCodec,
    @Inject(CODEC_SERVER_CONFIG) private readonly config: CodecServerConfig,
  ) {}

  /** Decodes payloads as far as the caller may read them. */
  @Post(['decode', ':namespace/decode'])
  @HttpCode(HttpStatus.OK)
  @RolesAllowed(...DECODE_ROLES)
  async decode(@CurrentPerson() caller: PersonCaller, @Body() body: unknown, @Headers('x-namespace') header?: string, @Param('namespace') path?: string): Promise<{ payloads: WirePayload[] }> {
    this.assertNamespace(path ?? header);
    const payloads = await this.decoder.decode(caller, parseCodecRequest(body));
    return { payloads: payloads.map(toWire) };
  }

  /** Encrypts inputs the Web UI or CLI sends to workflows (signals, updates, starts); see ENCODE_ROLES for who may. */
  @Post(['encode', ':namespace/encode'])
  @HttpCode(HttpStatus.OK)
  @RolesAllowed(...DECODE_ROLES)
  async encode(@CurrentPerson() caller: PersonCaller, @Body() body: unknown, @Headers('x-namespace') header?: string, @Param('namespace') path?: string): Promise<{ payloads: WirePayload[] }> {
    this.assertNamespace(path ?? header);
    const inputs = parseCodecRequest(body);
    if (!mayEncode(caller, inputs.length)) {
      throw new ProblemError(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only SREs may encode inputs; casework is done through the casework API');
    }
    if (inputs.length === 0) return { payloads: [] };
    const payloads = await this.codec.encode(inputs);
    this.logger.info('payloads encoded for an operator', { actorId: caller.actorId, count: payloads.length });
    return { payloads: payloads.map(toWire) };
  }

  /** The codec holds this namespace's keys only; a request for another is refused rather than answered wrongly. */
  private assertNamespace(requested: string | undefined): void {
    if (requested === undefined || requested === '' || requested === this.config.namespace) return;
    throw new ProblemError(HttpStatus.BAD_REQUEST, 'UNKNOWN_NAMESPACE', `this codec server decodes the namespace ${this.config.namespace} only`);
  }
}
