import { bookMovementBodySchema } from '@oioo/contracts';
import { type z } from 'zod';

/** POST /bookings as received: the contract's body, with the person's opaque id for the manifest (R9, R12). */
export const bookingRequestSchema = bookMovementBodySchema;

/** A parsed booking request. */
export type BookingRequest = z.infer<typeof bookingRequestSchema>;
