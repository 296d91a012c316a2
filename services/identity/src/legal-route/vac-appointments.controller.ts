import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ServicesAllowed } from '@oioo/auth';
import { bookAppointmentBodySchema } from '@oioo/contracts';
import { parseRequest } from '@oioo/service-kit';
import { type BookAppointmentResponse, VacAppointmentBooker } from './vac-appointment-booker.service';

/** POST /vac-appointments: the EOI workflow's activity books the invited applicants into the visa application centre here (E7). */
@Controller('vac-appointments')
export class VacAppointmentsController {
  constructor(private readonly booker: VacAppointmentBooker) {}

  /** 200 with the appointment, for the first call and its repeats; 404 UNKNOWN_EOI, 422 NOT_IN_EOI, 409 IDEMPOTENCY_KEY_REUSED, 503 PUBLISH_FAILED. */
  @Post()
  // E7: the EOI workflow's bookBiometricsAppointment activity.
  @ServicesAllowed('svc-worker')
  // 200 for the first call and its repeats alike: the caller sees one answer whichever call got through.
  @HttpCode(HttpStatus.OK)
  async book(@Body() body: unknown): Promise<BookAppointmentResponse> {
    return this.booker.book(parseRequest(bookAppointmentBodySchema, body));
  }
}
