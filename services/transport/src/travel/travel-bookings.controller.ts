import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { bookTravelBodySchema, bookTravelResponseSchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { type BookedJourney, TravelBookingService } from './travel-booking.service';

/** The travel endpoint the EOI workflow's activity calls once entry clearance is granted (E7). */
@Controller('travel-bookings')
export class TravelBookingsController {
  constructor(@Inject(TravelBookingService) private readonly travel: TravelBookingService) {}

  /** POST /travel-bookings: the first departure at or after `notBefore`; the same key answers the same journey. */
  @Post()
  // E7: the EOI workflow's bookTravel activity.
  @ServicesAllowed('svc-worker')
  // 200 for the first call and its repeats alike: the caller sees one answer whichever call got through.
  @HttpCode(HttpStatus.OK)
  async book(@Body() body: unknown): Promise<BookedJourney> {
    const journey = await this.travel.book(parseRequest(bookTravelBodySchema, body), new Date());
    // The answer is checked against its contract too, so a bug here is a 500, not a broken caller.
    return bookTravelResponseSchema.parse(journey);
  }
}
