/**
 * The demo identity provider's own pages: login, logout confirmation, logged out and error. Plain
 * HTML with inline styles and no external assets, so they work offline and pass an accessibility
 * check (language, heading, labelled fields, an error announced to screen readers).
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

// Dark text on white and a dark blue button: well above WCAG AA contrast.
const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f3f3f3;color:#1a1a1a;line-height:1.5}
main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border:1px solid #8c8c8c}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #595959}
input:focus,button:focus{outline:3px solid #0b3d91;outline-offset:2px}
button{margin-top:1.5rem;margin-right:.5rem;padding:.6rem 1.2rem;font-size:1rem;border:2px solid #0b3d91;cursor:pointer}
button.primary{background:#0b3d91;color:#fff}
button.secondary{background:#fff;color:#0b3d91}
.error{border-left:4px solid #a30000;background:#fdeeee;color:#7a0000;padding:.5rem 1rem}
.note{color:#4d4d4d;font-size:.9rem}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export const LOGIN_HEADING = 'Inloggen bij de demo-identiteitsprovider';
export const LOGIN_ERROR = 'De gebruikersnaam of het wachtwoord is onjuist.';

export interface LoginPageInput {
  /** Name of this provider, e.g. "Gemeente Amsterdam (demo)". */
  providerName: string;
  /** The application asking for the login. */
  clientName: string;
  action: string;
  abortAction: string;
  username?: string;
  error?: string;
}

export function loginPage(p: LoginPageInput): string {
  const error = p.error
    ? `<p class="error" id="login-error" role="alert">${escapeHtml(p.error)}</p>`
    : '';
  const invalid = p.error ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  return page(
    `${LOGIN_HEADING} – ${p.providerName}`,
    `<h1>${LOGIN_HEADING}</h1>
<p>${escapeHtml(p.providerName)}. U logt in voor <strong>${escapeHtml(p.clientName)}</strong>.</p>
${error}
<form method="post" action="${escapeHtml(p.action)}">
<label for="username">Gebruikersnaam</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(p.username ?? '')}"${invalid}>
<label for="password">Wachtwoord</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit" class="primary">Inloggen</button>
</form>
<form method="post" action="${escapeHtml(p.abortAction)}">
<button type="submit" class="secondary">Annuleren</button>
</form>
<p class="note">Dit is een gesimuleerde identiteitsprovider voor de demo en de tests. Gebruik hier nooit een echt wachtwoord.</p>`,
  );
}

/** `form` is oidc-provider's hidden logout form (id op.logoutForm, with its CSRF token). */
export function logoutPage(providerName: string, form: string): string {
  return page(
    `Uitloggen – ${providerName}`,
    `<h1>Uitloggen bij de demo-identiteitsprovider</h1>
<p>Wilt u uitloggen bij ${escapeHtml(providerName)}?</p>
${form}
<button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
<button type="submit" class="secondary" form="op.logoutForm">Nee, ingelogd blijven</button>`,
  );
}

export function loggedOutPage(providerName: string): string {
  return page(
    `Uitgelogd – ${providerName}`,
    `<h1>U bent uitgelogd</h1>
<p>U bent uitgelogd bij ${escapeHtml(providerName)}. U kunt dit venster sluiten.</p>`,
  );
}

export function errorPage(providerName: string, error: string, description?: string): string {
  return page(
    `Fout – ${providerName}`,
    `<h1>Er ging iets mis bij het inloggen</h1>
<p class="error" role="alert">${escapeHtml(description ?? 'Het verzoek kon niet worden verwerkt.')}</p>
<p class="note">Foutcode: <code>${escapeHtml(error)}</code></p>`,
  );
}
