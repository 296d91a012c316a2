import { randomUUID } from 'node:crypto';

/** A new opaque appointment reference at the visa application centre: `vac_` and 32 random hex digits, the shape `@oioo/contracts` accepts (E7, S3). */
export function newAppointmentReference(): string {
  return `vac_${randomUUID().replace(/-/g, '')}`;
}
