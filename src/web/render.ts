import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Layout } from './layout.tsx';
import type { NavItem } from './nav.ts';
import { WebContext, type WebContextValue } from './web-context.ts';
import type { Locale } from '../domain/i18n/index.ts';

/** A page's content: its title (for <title> and the h1 the page renders itself) and body. */
export interface PageContent {
  title: string;
  body: ReactElement;
  /** Extra scripts of our own (/assets/web/…), loaded deferred. */
  scripts?: string[];
  /**
   * Where to move on to at once (meta refresh). After a login at an identity provider the browser's
   * strict session cookie is only sent on a navigation this site starts itself; after a logout
   * form, the provider's logout page may not be reached by a redirect (CSP form-action 'self').
   */
  refreshTo?: string;
  /**
   * The page's own language, when its content is in one the interface is not (the resident's page:
   * Turkish, Arabic, Polish): the document's lang and dir, the interface's words marked as theirs.
   */
  lang?: { code: string; dir: 'ltr' | 'rtl' };
  /** The page's own language switch in the header, instead of the interface's Dutch/English one. */
  languages?: ReactElement;
  /** The interface's language for this page (its header and footer), when the page settles it itself. */
  interfaceLocale?: Locale;
}

/** Renders a full HTML document: the layout around the page, server-side, no hydration. */
export function renderDocument(ctx: WebContextValue, nav: NavItem[], page: PageContent): string {
  const value = page.interfaceLocale ? { ...ctx, locale: page.interfaceLocale } : ctx;
  const tree = createElement(
    WebContext.Provider,
    { value },
    createElement(Layout, {
      title: page.title,
      nav,
      scripts: page.scripts ?? [],
      ...(page.refreshTo ? { refreshTo: page.refreshTo } : {}),
      ...(page.lang ? { lang: page.lang } : {}),
      ...(page.languages ? { languages: page.languages } : {}),
      children: page.body,
    }),
  );
  return `<!doctype html>${renderToStaticMarkup(tree)}`;
}
