/** One condition of a log search: SQL with a single `?` for its value, or undefined when the filter was not given. */
export type SearchCondition = [sql: string, value: unknown] | undefined;

/**
 * The numbered parameters of a newest-first log search: the WHERE clause of the conditions given (each `?`
 * becomes its `$n`), the LIMIT's placeholder, and the values in order. Shared by the consultation and
 * operations logs, whose searches differ only in their columns and filters.
 */
export function logSearch(conditions: SearchCondition[], limit: number): { where: string; limit: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  for (const condition of conditions) {
    if (condition === undefined) continue;
    values.push(condition[1]);
    clauses.push(condition[0].replace('?', `$${values.length}`));
  }
  values.push(limit);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', limit: `$${values.length}`, values };
}

/** The columns every row of a log has: its id, when, and who acted. */
export interface LoggedRow {
  id: string;
  at: Date | string;
  actor_id: string;
  actor_name: string;
  roles: string[];
}

/** A log row's id, time (ISO 8601) and actor, as the API shows them. */
export function loggedBy(row: LoggedRow): { id: string; at: string; actorId: string; actorName: string; roles: string[] } {
  return { id: row.id, at: new Date(row.at).toISOString(), actorId: row.actor_id, actorName: row.actor_name, roles: row.roles };
}
