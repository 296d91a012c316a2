import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';
import { ArrivalsModule } from './arrivals/arrivals.module';

/** The identity service: people, biometrics and registers; it opens a readmission case for each arrival. */
@Module({
  imports: [ServicePlatformModule.forRoot({ service: 'identity', consumesEvents: true }), ArrivalsModule],
})
export class IdentityAppModule {}
