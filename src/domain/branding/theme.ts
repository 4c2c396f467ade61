import type { LocalizedText } from '../i18n/index.ts';

/**
 * An organisation's colours. Six, because those are the pairs a page shows: the primary action
 * (buttons, table rules, list markers) with its text, the header and the footer with theirs.
 * Everything else (links, status badges, focus rings) stays the platform's, which is checked once.
 */
export interface ThemeColours {
  primary: string;
  primaryText: string;
  headerBackground: string;
  headerText: string;
  footerBackground: string;
  footerText: string;
}

export const THEME_COLOUR_FIELDS = ['primary', 'primaryText', 'headerBackground', 'headerText', 'footerBackground', 'footerText'] as const satisfies ReadonlyArray<keyof ThemeColours>;
export type ThemeColourField = (typeof THEME_COLOUR_FIELDS)[number];

export const COLOUR_NAMES: Record<ThemeColourField, LocalizedText> = {
  primary: { nl: 'hoofdkleur', en: 'primary colour' },
  primaryText: { nl: 'tekst op hoofdkleur', en: 'text on primary colour' },
  headerBackground: { nl: 'achtergrond kop', en: 'header background' },
  headerText: { nl: 'tekst in kop', en: 'header text' },
  footerBackground: { nl: 'achtergrond voet', en: 'footer background' },
  footerText: { nl: 'tekst in voet', en: 'footer text' },
};

/**
 * The platform's own neutral look, used on the login and public pages and by every organisation
 * that has not chosen its own: dark blue-grey, no municipality's colours. Passes the same checks
 * (contrast.ts) as an organisation's own theme.
 */
export const NEUTRAL_THEME: ThemeColours = {
  primary: '#1f4e79',
  primaryText: '#ffffff',
  headerBackground: '#ffffff',
  headerText: '#1a1a1a',
  footerBackground: '#2d3a45',
  footerText: '#ffffff',
};

/** The page background the primary colour must stand out from (the neutral theme's surface). */
export const PAGE_BACKGROUND = '#ffffff';

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * A colour as the platform stores it: '#rrggbb' in lower case, or undefined. Only hex, which is
 * what a colour input sends: names, rgb() or var() would let a stored value reach the stylesheet
 * as anything but a colour.
 */
export function parseHexColour(input: string): string | undefined {
  const m = HEX.exec(input.trim());
  if (!m?.[1]) return undefined;
  const h = m[1].toLowerCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
}

export interface ColourInputIssue {
  field: ThemeColourField;
  message: LocalizedText;
}

/** Parses the six colours of a form; every field that is not a hex colour is named. */
export function parseThemeColours(input: Readonly<Record<ThemeColourField, string>>): { colours: ThemeColours; issues: [] } | { colours?: undefined; issues: ColourInputIssue[] } {
  const out: Partial<ThemeColours> = {};
  const issues: ColourInputIssue[] = [];
  for (const f of THEME_COLOUR_FIELDS) {
    const c = parseHexColour(input[f]);
    if (c) out[f] = c;
    else
      issues.push({
        field: f,
        message: { nl: `De ${COLOUR_NAMES[f].nl} is geen kleur: geef een hexadecimale kleur zoals #1f4e79.`, en: `The ${COLOUR_NAMES[f].en} is not a colour: give a hexadecimal colour such as #1f4e79.` },
      });
  }
  return issues.length ? { issues } : { colours: out as ThemeColours, issues: [] };
}
