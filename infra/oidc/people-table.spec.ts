import { signInLines } from './people-table';
import { LOCAL_PASSWORD, SEEDED_PEOPLE } from './seeded-people';

describe('what npm start prints about signing in', () => {
  const lines = signInLines('http://127.0.0.1:3100');

  it('names the issuer, the password and how to get a token', () => {
    expect(lines[0]).toContain('http://127.0.0.1:3100');
    expect(lines.join('\n')).toContain(LOCAL_PASSWORD);
    expect(lines.at(-1)).toContain('npm run -s token -- alice');
  });

  it('has a row per person with their name, roles and team', () => {
    for (const person of SEEDED_PEOPLE) {
      const row = lines.find((line) => line.trim().startsWith(`${person.username} `));
      expect(row).toBeDefined();
      expect(row).toContain(person.name);
      expect(row).toContain(person.roles.join(','));
      expect(row).toContain(person.team ?? '(national)');
    }
  });
});
