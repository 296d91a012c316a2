/** The login form's field names; the token command posts the same ones. */
export const LOGIN_FIELDS = { username: 'username', password: 'password' } as const;

/**
 * The pages send this policy: no script at all and nothing fetched from elsewhere (the machine may be
 * offline, and a login page is where injected script would do most harm). No form-action directive,
 * because browsers apply it to the redirects back to the client after the form is posted.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#0b0c0c}' +
  'label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}' +
  'button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{border-left:5px solid #d4351c;padding:.5rem 1rem;color:#d4351c}' +
  '.local{background:#fff7bf;padding:.5rem 1rem;font-size:.9rem}.secondary{background:none;border:none;text-decoration:underline;cursor:pointer;padding:0}';

/** A whole page around already-escaped body HTML. */
export function page(title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<p class="local">Local demonstration sign-in. This provider runs only on this machine; production uses the department's identity provider.</p>
${bodyHtml}
</body>
</html>
`;
}

/** What the login form shows: where it posts, for which client, and the outcome of a failed attempt. */
export interface LoginPageInputs {
  action: string;
  abortAction: string;
  clientName: string;
  username?: string;
  error?: string;
}

/** The login form: username and password, with the failure (if any) said plainly above it. */
export function loginPage(inputs: LoginPageInputs): string {
  const error = inputs.error ? `<p class="error" role="alert">${escapeHtml(inputs.error)}</p>` : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p>to ${escapeHtml(inputs.clientName)}</p>
${error}
<form method="post" action="${escapeHtml(inputs.action)}">
<label for="username">Username</label>
<input id="username" name="${LOGIN_FIELDS.username}" autocomplete="username" autocapitalize="none" required value="${escapeHtml(inputs.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="${LOGIN_FIELDS.password}" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${escapeHtml(inputs.abortAction)}"><button class="secondary" type="submit">Cancel</button></form>`,
  );
}

/** A page that only says something: errors, and the steps of signing out. */
export function messagePage(title: string, paragraphs: readonly string[], extraHtml = ''): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}\n${extraHtml}`);
}
