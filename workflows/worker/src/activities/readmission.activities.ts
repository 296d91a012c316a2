import {
  bookMovementBodySchema,
  bookMovementResponseSchema,
  cancelBookingBodySchema,
  pendingMattersResponseSchema,
  registerReturnBodySchema,
  sendReadmissionRequestBodySchema,
  sendReadmissionRequestResponseSchema,
} from '@oioo/contracts';
import type { ReadmissionActivities } from '@oioo/workflows-readmission';
import { type ServiceClient } from './service-client';

/** The services the readmission activities call. */
export interface ReadmissionServiceClients {
  identity: ServiceClient;
  legalReview: ServiceClient;
  transport: ServiceClient;
}

/**
 * The readmission workflow's activities, over the services' HTTP APIs. Each body is parsed with its
 * contract before it leaves, so a workflow bug surfaces here with the field named, not as a 400.
 */
export function createReadmissionActivities(clients: ReadmissionServiceClients): ReadmissionActivities {
  return {
    sendReadmissionRequest: (input) =>
      clients.legalReview.call('POST', '/readmission-requests', sendReadmissionRequestBodySchema.parse(input), sendReadmissionRequestResponseSchema),
    checkTransferBars: (input) => clients.legalReview.call('GET', `/cases/${encodeURIComponent(input.caseId)}/pending-matters`, undefined, pendingMattersResponseSchema),
    bookMovement: (input) => clients.transport.call('POST', '/bookings', bookMovementBodySchema.parse(input), bookMovementResponseSchema),
    cancelBooking: (input) => clients.transport.call('POST', '/bookings/cancellations', cancelBookingBodySchema.parse(input)),
    registerReturn: (input) => clients.identity.call('POST', '/returns-register', registerReturnBodySchema.parse(input)),
  };
}
