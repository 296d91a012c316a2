import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';
import { BookingsModule } from './bookings/bookings.module';
import { TransportConfigModule } from './config/transport-config.module';
import { ManifestSweepModule } from './manifests/manifest-sweep.module';
import { MovementEventsModule } from './movement-events/movement-events.module';

/** The transport service: scheduled movements and their capacity, bookings, manifests to France, boarding and handovers (R9). */
@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'transport',
      consumesEvents: true,
      database: { schema: 'transport', migrationsDir: join(__dirname, 'migrations') },
    }),
    TransportConfigModule,
    BookingsModule,
    MovementEventsModule,
    ManifestSweepModule,
  ],
})
export class TransportAppModule {}
