import { LOCAL_PASSWORD, SEEDED_PEOPLE, type SeededPerson } from './seeded-people';

/** Pads each column to its widest cell, so the table reads in a terminal. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => `${indent}${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
}

/** What `npm start` prints about signing in: the issuer, who can sign in with which password, and how to get a token. */
export function signInLines(issuer: string, people: readonly SeededPerson[] = SEEDED_PEOPLE): string[] {
  return [
    `  OpenID provider     ${issuer} (local only; discovery ${issuer}/.well-known/openid-configuration)`,
    `  People              all sign in with the password ${LOCAL_PASSWORD}`,
    ...table(
      [['username', 'name', 'roles', 'team'], ...people.map((person) => [person.username, person.name, person.roles.join(','), person.team ?? '(national)'])],
      '                        ',
    ),
    `  Token               TOKEN=$(npm run -s token -- alice)   a casework access token for alice, from the real sign-in`,
  ];
}
