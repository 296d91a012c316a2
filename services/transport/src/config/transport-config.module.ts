import { Global, Module } from '@nestjs/common';
import { TRANSPORT_CONFIG, loadTransportConfig } from './transport-config';

/** Provides the transport settings, parsed once while the app is created so a bad variable stops the boot. */
@Global()
@Module({
  providers: [{ provide: TRANSPORT_CONFIG, useFactory: () => loadTransportConfig(process.env) }],
  exports: [TRANSPORT_CONFIG],
})
export class TransportConfigModule {}
