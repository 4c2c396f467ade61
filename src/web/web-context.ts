import { createContext, useContext } from 'react';
import type { Actor } from '../domain/access/actor.ts';
import type { Permission } from '../domain/access/roles.ts';
import type { Locale } from './i18n/locale.ts';
import type { LayoutTheme } from '../app/branding/served-theme.ts';

/** The signed-in user as pages see it (never a resident's data). */
export interface WebUser {
  id: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: string[];
  actor: Actor;
}

/** What every page and component may read while rendering one request. */
export interface WebContextValue {
  locale: Locale;
  /** The request path with its query string, for the language switch and `next` after login. */
  url: string;
  user: WebUser | undefined;
  /** The session's CSRF token: every POST form carries it as the hidden field `_csrf`. */
  csrfToken: string;
  /** The page's own title; the layout puts it in <title> after the page name. */
  now: Date;
  /** The logged-in user's organisation's look (stylesheet, name, logo); absent: the neutral theme. */
  theme?: LayoutTheme;
}

export const WebContext = createContext<WebContextValue | null>(null);

export function useWeb(): WebContextValue {
  const v = useContext(WebContext);
  if (!v) throw new Error('useWeb() outside a rendered page');
  return v;
}

export function can(user: WebUser | undefined, permission: Permission): boolean {
  return !!user && user.actor.permissions.has(permission);
}
