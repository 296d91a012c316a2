import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { bookMovementResponseSchema, cancelBookingBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { bookingRequestSchema } from './booking-request';
import { BookingService, type BookedSeat } from './booking.service';

/** The booking endpoints the readmission workflow's activities call (R9). */
@Controller('bookings')
export class BookingsController {
  constructor(@Inject(BookingService) private readonly bookings: BookingService) {}

  /** POST /bookings: a seat on the first movement at or after `notBefore`; the same key answers the same seat. */
  @Post()
  // R9: the readmission workflow's bookMovement activity.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.OK)
  async book(@Body() body: unknown): Promise<BookedSeat> {
    const seat = await this.bookings.book(parseRequest(bookingRequestSchema, body), new Date());
    // The answer is checked against its contract too, so a bug here is a 500, not a broken caller.
    return bookMovementResponseSchema.parse(seat);
  }

  /** POST /bookings/cancellations: gives the seat back; idempotent, 204 whether or not a seat was still held. */
  @Post('cancellations')
  // The readmission workflow's cancelBooking activity.
  @ServicesAllowed('svc-worker')
  @HttpCode(HttpStatus.NO_CONTENT)
  async cancel(@Body() body: unknown): Promise<void> {
    await this.bookings.cancel(parseRequest(cancelBookingBodySchema, body), new Date());
  }
}
