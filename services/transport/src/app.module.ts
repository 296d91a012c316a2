import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';

/** The transport service: scheduled movements, capacity, manifests and handovers to France. Its features arrive with the readmission issue; today it serves /health. */
@Module({
  imports: [ServicePlatformModule.forRoot({ service: 'transport', consumesEvents: false })],
})
export class TransportAppModule {}
