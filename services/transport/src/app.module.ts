import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@oioo/service-kit';
import { BookingsModule } from './bookings/bookings.module';
import { TransportConfigModule } from './config/transport-config.module';
import { ManifestSweepModule } from './manifests/manifest-sweep.module';
import { MovementEventsModule } from './movement-events/movement-events.module';
import { SubjectAccessModule } from './subject-access/subject-access.module';
import { TravelModule } from './travel/travel.module';

/**
 * The transport service: scheduled movements and their capacity, bookings, manifests to France, boarding
 * and handovers (R9, Q1); on the legal route, journeys to the UK (E7) and arrivals at the border (E8).
 */
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
    TravelModule,
    // Right of access: GET /internal/v1/subject-access/{personId}, for the casework service only.
    SubjectAccessModule,
  ],
})
export class TransportAppModule {}
