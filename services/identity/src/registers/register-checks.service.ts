import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@oioo/database';
import { RegisterMatcher } from '../matching/register-matcher.service';
import { type RegisterCheckResponse } from './register-check.schemas';

/** E4 and R11: looks a biometric template up in the register of returns and the register of irregular entries. */
@Injectable()
export class RegisterChecks {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly matcher: RegisterMatcher,
  ) {}

  /** Both registers' matches, returns first; `returned` and `irregularEntry` say whether each register matched at all. */
  async check(template: string): Promise<RegisterCheckResponse> {
    // One transaction, so both registers are read at one consistent moment on PostgreSQL.
    const [returns, irregularEntries] = await this.db.transaction(async (tx) => [
      await this.matcher.find(tx, template, 'returns'),
      await this.matcher.find(tx, template, 'irregular-entries'),
    ]);
    return {
      returned: returns.length > 0,
      irregularEntry: irregularEntries.length > 0,
      matches: [...returns, ...irregularEntries].map(({ personId, caseId, score, register }) => ({ personId, caseId, score, register })),
    };
  }
}
