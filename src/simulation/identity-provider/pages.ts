/**
 * The demo identity provider's own pages: login, logout confirmation, logged out and error. Plain
 * HTML with inline styles and no external assets, so they work offline and pass an accessibility
 * check (language, heading, labelled fields, an error announced to screen readers). Dutch, or
 * English when the relying party asks for it with ui_locales.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../domain/i18n/index.ts';
import { identityProviderMessages } from './messages.ts';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

/** The first supported language of an OIDC ui_locales value ("en-GB nl"); Dutch otherwise. */
export function localeOf(uiLocales: unknown): Locale {
  if (typeof uiLocales !== 'string') return DEFAULT_LOCALE;
  for (const tag of uiLocales.split(' ')) {
    const lang = tag.split('-')[0]?.toLowerCase();
    if (isLocale(lang)) return lang;
  }
  return DEFAULT_LOCALE;
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

function page(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  locale: Locale;
  /** Name of this provider, e.g. "Gemeente Amsterdam (demo)". */
  providerName: string;
  /** The application asking for the login. */
  clientName: string;
  action: string;
  abortAction: string;
  username?: string;
  /** Show the wrong-credentials error. */
  failed?: boolean;
}

export function loginPage(p: LoginPageInput): string {
  const t = identityProviderMessages(p.locale);
  const provider = escapeHtml(p.providerName);
  const error = p.failed ? `<p class="error" id="login-error" role="alert">${t('loginError')}</p>` : '';
  const invalid = p.failed ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  return page(
    p.locale,
    t('loginTitle', { provider }),
    `<h1>${t('loginHeading')}</h1>
<p>${t('loginFor', { provider, client: escapeHtml(p.clientName) })}</p>
${error}
<form method="post" action="${escapeHtml(p.action)}">
<label for="username">${t('username')}</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(p.username ?? '')}"${invalid}>
<label for="password">${t('password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit" class="primary">${t('logIn')}</button>
</form>
<form method="post" action="${escapeHtml(p.abortAction)}">
<button type="submit" class="secondary">${t('cancel')}</button>
</form>
<p class="note">${t('simulated')}</p>`,
  );
}

/** `form` is oidc-provider's hidden logout form (id op.logoutForm, with its CSRF token). */
export function logoutPage(locale: Locale, providerName: string, form: string): string {
  const t = identityProviderMessages(locale);
  const provider = escapeHtml(providerName);
  return page(
    locale,
    t('logoutTitle', { provider }),
    `<h1>${t('logoutHeading')}</h1>
<p>${t('logoutQuestion', { provider })}</p>
${form}
<button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes">${t('logoutYes')}</button>
<button type="submit" class="secondary" form="op.logoutForm">${t('logoutNo')}</button>`,
  );
}

export function loggedOutPage(locale: Locale, providerName: string): string {
  const t = identityProviderMessages(locale);
  const provider = escapeHtml(providerName);
  return page(locale, t('loggedOutTitle', { provider }), `<h1>${t('loggedOutHeading')}</h1>\n<p>${t('loggedOut', { provider })}</p>`);
}

/**
 * `message` is a text of this provider's own (already in the page's language); `detail` is
 * oidc-provider's error description, which is in English and marked so.
 */
export function errorPage(locale: Locale, providerName: string, error: string, text: { message?: string; detail?: string } = {}): string {
  const t = identityProviderMessages(locale);
  const detail = text.detail === undefined ? '' : ` <span lang="en">${escapeHtml(text.detail)}</span>`;
  return page(
    locale,
    t('errorTitle', { provider: escapeHtml(providerName) }),
    `<h1>${t('errorHeading')}</h1>
<p class="error" role="alert">${escapeHtml(text.message ?? t('errorGeneric'))}</p>
<p class="note">${t('errorCode')}: <code>${escapeHtml(error)}</code>${detail}</p>`,
  );
}
