import { Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { SearchAttributes } from '@oioo/contracts';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import type { CaseScope } from '../access/case-access';
import type { CaseRef } from './case-ref';

/** A case as the directory finds it: what access control needs and whether it still runs. */
export interface FoundCase extends CaseScope {
  running: boolean;
}

/**
 * Finds cases in Temporal (describe: their search attributes), so access is decided on the team the
 * case was given at intake, never on anything the request says.
 */
@Injectable()
export class CaseDirectory {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /** The case, or undefined when no workflow has that id (never started, or gone past retention). */
  async find(ref: CaseRef): Promise<FoundCase | undefined> {
    try {
      const description = await this.client.workflow.getHandle(ref.workflowId).describe();
      const team = description.typedSearchAttributes.get(SearchAttributes.caseTeam);
      return { kind: ref.kind, running: description.status.name === 'RUNNING', ...(team ? { team } : {}) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}
