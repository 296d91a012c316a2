import { Module } from '@nestjs/common';
import { ManifestsModule } from '../manifests/manifests.module';
import { MovementsModule } from '../movements/movements.module';
import { BookingService } from './booking.service';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';

/** R9: bookings and cancellations of seats on scheduled movements. */
@Module({
  imports: [MovementsModule, ManifestsModule],
  controllers: [BookingsController],
  providers: [BookingsRepository, BookingService],
  exports: [BookingsRepository, BookingService],
})
export class BookingsModule {}
