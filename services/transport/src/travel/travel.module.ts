import { Module } from '@nestjs/common';
import { TemporalClientModule } from '@oioo/temporal';
import { EntryEventsHandler } from './entry-events.handler';
import { EntryRecordsRepository } from './entry-records.repository';
import { EoiWorkflowGateway } from './eoi-workflow.gateway';
import { TravelBookingService } from './travel-booking.service';
import { TravelBookingsController } from './travel-bookings.controller';
import { TravelBookingsRepository } from './travel-bookings.repository';

/** The legal route's travel (E7) and arrivals at the UK border (E8), forwarded to the EOI case workflows. */
@Module({
  imports: [TemporalClientModule],
  controllers: [TravelBookingsController],
  providers: [TravelBookingsRepository, EntryRecordsRepository, TravelBookingService, EoiWorkflowGateway, EntryEventsHandler],
})
export class TravelModule {}
