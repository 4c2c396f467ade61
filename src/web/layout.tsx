import type { ReactNode } from 'react';
import { commonMessages } from './i18n/common.ts';
import { useWeb } from './web-context.ts';
import { SkipLink } from './components/text.tsx';
import type { NavItem } from './nav.ts';
import { textIn } from '../domain/i18n/index.ts';
import { NEUTRAL_STYLESHEET, THEME_CLASS } from '../app/branding/served-theme.ts';

/** The URL of the current page in the other language (the switch persists the choice in a cookie). */
function withLang(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

function isCurrent(url: string, href: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === href || (href !== '/' && path.startsWith(`${href}/`));
}

const STYLESHEETS = ['/assets/utrecht/design-tokens/index.css', '/assets/utrecht/components/index.css', '/assets/web/web.css'];

/**
 * Every page: skip link, header (organisation, user, logout, language), the menu the user's role
 * allows, the page's main content and a footer. Scripts are files of our own only (CSP script-src 'self').
 */
export function Layout({
  title,
  nav,
  children,
  scripts = [],
  refreshTo,
  lang,
  languages,
}: {
  title: string;
  nav: NavItem[];
  children: ReactNode;
  scripts?: string[];
  refreshTo?: string;
  lang?: { code: string; dir: 'ltr' | 'rtl' };
  languages?: ReactNode;
}) {
  const { locale, user, url, csrfToken, theme } = useWeb();
  const t = commonMessages(locale);
  const other = t('switchToOtherLang');
  // A page in a language the interface is not in: the document is in the page's language, the interface's own words say theirs.
  const own = lang && lang.code !== locale ? locale : undefined;
  return (
    <html lang={lang?.code ?? locale} dir={lang?.dir} className={`utrecht-theme ${THEME_CLASS}`}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('appName')}`}</title>
        {refreshTo ? <meta httpEquiv="refresh" content={`0;url=${refreshTo}`} /> : null}
        {/* The theme's design tokens come last: they replace Utrecht's colours (src/domain/branding/tokens.ts). */}
        {[...STYLESHEETS, theme?.stylesheet ?? NEUTRAL_STYLESHEET].map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body className="utrecht-page-body utrecht-surface utrecht-document vs-body">
        <SkipLink href="#main" lang={own}>
          {t('skipToContent')}
        </SkipLink>
        <header className="utrecht-page-header vs-header" lang={own}>
          <div className="vs-header__content">
            <a className="vs-brand utrecht-link utrecht-link--html-a" href="/">
              {t('appName')}
            </a>
            {user ? (
              <span className="vs-header__brand">
                {/* Beside the name it shows: decorative, so no alternative text of its own. */}
                {theme?.logo ? <img className="vs-header__logo" src={theme.logo.src} alt="" width={theme.logo.width} height={theme.logo.height} /> : null}
                <span className="vs-header__org">{theme?.displayName ?? user.organisationName}</span>
              </span>
            ) : null}
            <div className="vs-header__tools">
              {languages ? (
                <div lang={lang?.code ?? locale}>{languages}</div>
              ) : (
                <a className="utrecht-link utrecht-link--html-a" href={withLang(url, other)} lang={other} hrefLang={other}>
                  {t('switchToOther')}
                </a>
              )}
              {user ? (
                <>
                  {/* The name leads to the person's own account: second factor and sessions. */}
                  <a className="vs-header__user utrecht-link utrecht-link--html-a" href="/mijn-account">
                    {t('loggedInAs', { name: user.displayName })}
                  </a>
                  <form action="/uitloggen" method="post" className="vs-inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button type="submit" className="utrecht-button utrecht-button--subtle">
                      {t('logout')}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </div>
          {nav.length > 0 ? (
            <nav className="utrecht-nav-bar vs-nav" aria-label={t('mainNav')}>
              <ul className="utrecht-nav-list">
                {nav.map((i) => (
                  <li className="utrecht-nav-list__item" key={i.href}>
                    <a className="utrecht-nav-list__link" href={i.href} aria-current={isCurrent(url, i.href) ? 'page' : undefined}>
                      {textIn(i.label, locale)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" className="utrecht-page-content vs-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="utrecht-page-footer vs-footer" lang={own}>
          <p className="utrecht-paragraph utrecht-paragraph--small">{t('footer')}</p>
        </footer>
      </body>
    </html>
  );
}
