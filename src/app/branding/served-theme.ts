import { createHash } from 'node:crypto';
import { NEUTRAL_THEME, parseHexColour, THEME_COLOUR_FIELDS, type ThemeColours } from '../../domain/branding/theme.ts';
import { themeStylesheet } from '../../domain/branding/tokens.ts';
import { getLogo, getTheme } from '../../db/repositories/organisation-themes.ts';
import type { AppDeps } from '../context.ts';

/** The class on <html> the theme stylesheet sets its tokens on; and the admin screen's preview box. */
export const THEME_CLASS = 'vs-theme';
export const PREVIEW_CLASS = 'vs-theme-preview';
export const NEUTRAL_STYLESHEET = '/thema/standaard.css';

/** What a page's layout shows of its user's organisation. */
export interface LayoutTheme {
  /** The theme stylesheet's URL, versioned by the last change so it can be cached for long. */
  stylesheet: string;
  displayName: string | null;
  logo: { src: string; width: number; height: number } | null;
}

const versionOf = (d: Date) => d.getTime().toString(36);

/** The layout's theme for a user of this organisation: its own when it has one, else neutral. */
export async function layoutTheme(deps: AppDeps, organisationId: string): Promise<LayoutTheme> {
  const t = await getTheme(deps.db, organisationId);
  if (!t) return { stylesheet: NEUTRAL_STYLESHEET, displayName: null, logo: null };
  const id = encodeURIComponent(organisationId);
  return {
    stylesheet: `/thema/${id}.css?v=${versionOf(t.updatedAt)}`,
    displayName: t.displayName,
    logo: t.logo ? { src: `/thema/${id}/logo?v=${t.logo.sha256.slice(0, 16)}`, width: t.logo.width, height: t.logo.height } : null,
  };
}

export interface ServedCss {
  css: string;
  etag: string;
  /** The version in the URL the layout gives out now: a request with it may be cached for long. */
  version: string;
}

const etagOf = (text: string | Uint8Array) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

function served(colours: ThemeColours, selector: string, version: string): ServedCss {
  const css = `/* Design tokens of this theme (src/domain/branding/tokens.ts). */\n${themeStylesheet(colours, selector)}`;
  return { css, etag: etagOf(css), version };
}

export const neutralCss = (): ServedCss => served(NEUTRAL_THEME, `.${THEME_CLASS}`, 'neutral');

/** The organisation's stylesheet: its tokens, or the neutral ones once it has reset its theme. */
export async function organisationCss(deps: AppDeps, organisationId: string): Promise<ServedCss> {
  const t = await getTheme(deps.db, organisationId);
  return t ? served(t.colours, `.${THEME_CLASS}`, versionOf(t.updatedAt)) : neutralCss();
}

/**
 * The admin screen's preview of colours not yet saved, as a stylesheet for the preview box (the
 * CSP allows no inline style to rely on). A value that is not a hex colour takes the neutral one.
 */
export function previewCss(query: Readonly<Record<string, string | undefined>>): ServedCss {
  const colours = { ...NEUTRAL_THEME };
  for (const f of THEME_COLOUR_FIELDS) {
    const c = parseHexColour(query[f] ?? '');
    if (c) colours[f] = c;
  }
  return served(colours, `.${PREVIEW_CLASS}`, '');
}

export async function organisationLogo(deps: AppDeps, organisationId: string) {
  const l = await getLogo(deps.db, organisationId);
  return l ? { ...l, etag: `"${l.sha256}"`, version: l.sha256.slice(0, 16) } : undefined;
}
