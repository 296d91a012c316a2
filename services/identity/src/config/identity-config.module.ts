import { Global, Module } from '@nestjs/common';
import { IDENTITY_CONFIG, loadIdentityConfig } from './identity-config';

/** Provides the parsed {@link IDENTITY_CONFIG} to every feature module; a bad variable stops the boot with its name. */
@Global()
@Module({
  providers: [{ provide: IDENTITY_CONFIG, useFactory: () => loadIdentityConfig(process.env) }],
  exports: [IDENTITY_CONFIG],
})
export class IdentityConfigModule {}
