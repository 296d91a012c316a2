import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { ProblemError } from '@oioo/auth';
import { ledgerWorkflowId } from '@oioo/contracts';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { type LedgerBalanceView, balanceQuery, weeklyReportQuery } from '@oioo/workflows-equivalence-ledger';
import { CASEWORK_CONFIG, type CaseworkConfig } from '../config/casework-config';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The ledger's live balance and weekly reports (Q3), read from the pilot's ledger workflow: counts only, no personal data. */
@Injectable()
export class LedgerReader {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CASEWORK_CONFIG) private readonly config: CaseworkConfig,
  ) {}

  /** The live balance. */
  balance(): Promise<LedgerBalanceView> {
    return this.ask(() => this.handle().query(balanceQuery));
  }

  /** One ISO week's report (`2026-W10`). */
  weeklyReport(isoWeek: string | undefined): Promise<unknown> {
    if (!isoWeek || !ISO_WEEK.test(isoWeek)) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', 'isoWeek must be an ISO week such as 2026-W10', [{ field: 'isoWeek', message: 'is not an ISO week' }]);
    }
    return this.ask(() => this.handle().query(weeklyReportQuery, isoWeek));
  }

  private handle() {
    return this.temporal.workflow.getHandle(ledgerWorkflowId(this.config.pilotId));
  }

  private async ask<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ProblemError(HttpStatus.NOT_FOUND, 'LEDGER_NOT_FOUND', `the ledger of pilot ${this.config.pilotId} is not running`);
      throw error;
    }
  }
}
