import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type EnrolmentRegisterCheckBody } from '@oioo/contracts';
import { DATABASE, type Database } from '@oioo/database';
import { ServiceError } from '@oioo/service-kit';
import { EnrolmentsRepository } from '../enrolments/enrolments.repository';
import { type RegisterCheckResponse } from '../registers/register-check.schemas';
import { RegisterChecks } from '../registers/register-checks.service';

/** What the E4 check of an enrolment found, with the matched entries for the log. */
export interface EnrolmentRegisterCheck {
  returned: boolean;
  irregularEntry: boolean;
  checkedAt: Date;
  matches: RegisterCheckResponse['matches'];
}

/**
 * E4, R11: matches the biometrics of an EOI applicant's enrolment against the register of returns and the
 * register of irregular entries, by biometric match and not the applicant's word, with the same matcher and
 * threshold as POST /register-checks. The applicant's own enrolment cannot match itself: the registers hold
 * only the enrolments taken at small-boat arrivals and those of people returned under the scheme.
 */
@Injectable()
export class EnrolmentRegisterChecks {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly enrolments: EnrolmentsRepository,
    private readonly checks: RegisterChecks,
  ) {}

  /** Checks the enrolment; 404 UNKNOWN_ENROLMENT when identity holds no such enrolment of that person for that EOI. */
  async check(body: EnrolmentRegisterCheckBody): Promise<EnrolmentRegisterCheck> {
    const found = await this.enrolments.findWithTemplate(this.db, body.enrolmentReference);
    // Another person's or another EOI's enrolment is answered like an unknown one: the caller learns nothing about it.
    if (!found || found.enrolment.personId !== body.personId || found.enrolment.caseId !== body.eoiId) {
      throw new ServiceError(HttpStatus.NOT_FOUND, 'UNKNOWN_ENROLMENT', `identity holds no enrolment ${body.enrolmentReference} of ${body.personId} for ${body.eoiId}`);
    }
    const { returned, irregularEntry, matches } = await this.checks.check(found.template);
    return { returned, irregularEntry, checkedAt: new Date(), matches };
  }
}
