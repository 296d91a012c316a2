import { passwordMatches } from './interactions';
import { LOGIN_FIELDS, escapeHtml, loginPage } from './login-page';
import { LOCAL_PASSWORD } from './seeded-people';

describe('the login page', () => {
  const inputs = { action: '/interaction/abc/login', abortAction: '/interaction/abc/abort', clientName: 'casework-console' };

  it('is a plain form posting username and password, with no script', () => {
    const html = loginPage(inputs);
    expect(html).toContain('<form method="post" action="/interaction/abc/login">');
    expect(html).toContain(`name="${LOGIN_FIELDS.username}"`);
    expect(html).toContain(`name="${LOGIN_FIELDS.password}" type="password"`);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).toContain('runs only on this machine');
  });

  it('says plainly when the password was wrong, and escapes what was typed', () => {
    const html = loginPage({ ...inputs, username: '"><script>alert(1)</script>', error: 'Wrong username or password.' });
    expect(html).toContain('role="alert">Wrong username or password.</p>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('the password check', () => {
  it('takes the local password only', () => {
    expect(passwordMatches(LOCAL_PASSWORD)).toBe(true);
    expect(passwordMatches('')).toBe(false);
    expect(passwordMatches(`${LOCAL_PASSWORD} `)).toBe(false);
  });
});
