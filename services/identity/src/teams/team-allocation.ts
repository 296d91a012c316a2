import { createHash } from 'node:crypto';
import { SearchAttributes } from '@oioo/contracts';
import type { SearchAttributePair } from '@temporalio/common';

/**
 * The team a new case is given at intake: one of the configured teams, chosen by a hash of the case's
 * opaque id. The same id always gets the same team, so a redelivered arrival or submission never moves a
 * case, and the teams share the work evenly. Border Force's events name no landing point yet; when they
 * do, region by landing point is the natural replacement.
 */
export function teamFor(caseOrEoiId: string, teams: readonly string[]): string {
  const digest = createHash('sha256').update(caseOrEoiId).digest();
  const team = teams[digest.readUInt32BE(0) % teams.length];
  if (!team) throw new Error('no caseworking team is configured');
  return team;
}

/** The search attribute that carries the case's team, set when identity starts the case. */
export function teamSearchAttribute(team: string): SearchAttributePair[] {
  return [{ key: SearchAttributes.caseTeam, value: team }];
}
