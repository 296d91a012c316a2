import {
  bookAppointmentBodySchema,
  bookAppointmentResponseSchema,
  bookTravelBodySchema,
  bookTravelResponseSchema,
  enrolmentRegisterCheckBodySchema,
  enrolmentRegisterCheckResponseSchema,
  requestPresenceBodySchema,
  requestPresenceResponseSchema,
  requestSecurityChecksBodySchema,
  requestSecurityChecksResponseSchema,
} from '@oioo/contracts';
import type { EoiActivities } from '@oioo/workflows-eoi';
import { admissionRecordedUpdate, requestPlacesUpdate } from '@oioo/workflows-equivalence-ledger';
import { type LedgerClient } from '../ledger/ledger-client';
import { updateLedger } from '../ledger/ledger-update';
import { type ServiceClient } from './service-client';

/** What the EOI activities call: the services' HTTP APIs and, through Temporal, the pilot's ledger. */
export interface EoiActivityDependencies {
  identity: ServiceClient;
  legalReview: ServiceClient;
  transport: ServiceClient;
  /** A Temporal client (or anything with the same shape) for the ledger's Updates. */
  temporalClient: LedgerClient;
}

/**
 * The EOI workflow's activities. Service bodies are parsed with their contract before they leave, so a
 * workflow bug surfaces here with the field named, not as a 400 (as a rejection: each is async, so a bad
 * body never throws synchronously at the caller); answers are parsed by the client. The
 * ledger is reached only through its Updates, which it serialises, so places are never counted twice (Q2).
 */
export function createEoiActivities({ identity, legalReview, transport, temporalClient }: EoiActivityDependencies): EoiActivities {
  return {
    requestPresenceConfirmation: async (input) => identity.call('POST', '/presence-requests', requestPresenceBodySchema.parse(input), requestPresenceResponseSchema),
    bookBiometricsAppointment: async (input) => identity.call('POST', '/vac-appointments', bookAppointmentBodySchema.parse(input), bookAppointmentResponseSchema),
    checkRegisters: async (input) =>
      identity.call('POST', '/enrolment-register-checks', enrolmentRegisterCheckBodySchema.parse(input), enrolmentRegisterCheckResponseSchema),
    requestSecurityChecks: async (input) =>
      legalReview.call('POST', '/security-check-requests', requestSecurityChecksBodySchema.parse(input), requestSecurityChecksResponseSchema),
    bookTravel: async (input) => transport.call('POST', '/travel-bookings', bookTravelBodySchema.parse(input), bookTravelResponseSchema),
    // The command id doubles as the Update id: a retried activity is the same Update, answered once.
    requestPlaces: ({ pilotId, request }) => updateLedger(temporalClient, pilotId, requestPlacesUpdate, request, request.commandId),
    recordAdmission: async ({ pilotId, ...admission }) => {
      await updateLedger(temporalClient, pilotId, admissionRecordedUpdate, admission, admission.commandId);
    },
  };
}
