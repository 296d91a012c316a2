import { CookieJar } from './cookie-jar';

function setCookies(...lines: string[]): Headers {
  const headers = new Headers();
  for (const line of lines) headers.append('set-cookie', line);
  return headers;
}

describe('the scripted sign-in cookie jar', () => {
  it('keeps cookies by name and sends them all', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(setCookies('_interaction=abc; path=/interaction/abc; httponly; samesite=lax', '_interaction.sig=def; path=/interaction/abc'));
    expect(jar.header()).toBe('_interaction=abc; _interaction.sig=def');
    jar.store(setCookies('_interaction=xyz; path=/'));
    expect(jar.header()).toBe('_interaction=xyz; _interaction.sig=def');
  });

  it('drops cookies the server clears', () => {
    const jar = new CookieJar();
    jar.store(setCookies('a=1', 'b=2', 'c=3'));
    jar.store(setCookies('a=; path=/', 'b=2; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'c=3; max-age=0'));
    expect(jar.header()).toBeUndefined();
  });
});
