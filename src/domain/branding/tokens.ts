import { parseHexColour, THEME_COLOUR_FIELDS, type ThemeColourField, type ThemeColours } from './theme.ts';

/**
 * A theme as NL Design System design tokens: the custom properties the Utrecht component CSS reads
 * (@utrecht/component-library-css). Utrecht's own token set stays loaded for sizes, spacing and
 * type; these replace every colour in it that carries Utrecht's identity (the red footer, red table
 * rules and list markers) and set the ones an organisation chooses.
 */
export function themeTokens(c: ThemeColours): Record<string, string> {
  return {
    // The platform's neutral surface: the page the primary colour is checked against (PAGE_BACKGROUND).
    '--utrecht-surface-background-color': '#ffffff',
    '--utrecht-surface-color': '#1a1a1a',
    '--utrecht-blockquote-content-color': 'currentColor',

    '--utrecht-button-primary-action-background-color': c.primary,
    '--utrecht-button-primary-action-color': c.primaryText,
    '--utrecht-button-primary-action-hover-background-color': c.primary,
    '--utrecht-button-primary-action-hover-color': c.primaryText,
    '--utrecht-button-primary-action-focus-background-color': c.primary,
    '--utrecht-button-primary-action-focus-color': c.primaryText,
    '--utrecht-button-primary-action-active-background-color': c.primary,
    '--utrecht-button-primary-action-active-color': c.primaryText,
    '--utrecht-table-header-border-block-end-color': c.primary,
    '--utrecht-table-header-sticky-border-block-end-color': c.primary,
    '--utrecht-table-footer-sticky-border-block-start-color': c.primary,
    '--utrecht-unordered-list-marker-color': c.primary,
    '--nl-number-badge-background-color': c.primary,
    '--nl-number-badge-color': c.primaryText,

    '--utrecht-page-header-background-color': c.headerBackground,
    '--utrecht-page-header-color': c.headerText,
    '--utrecht-nav-bar-background-color': c.headerBackground,
    '--utrecht-nav-bar-color': c.headerText,

    '--utrecht-page-footer-background-color': c.footerBackground,
    '--utrecht-page-footer-color': c.footerText,
    '--utrecht-page-footer-background-image': 'none',
  };
}

/**
 * The theme as a stylesheet for `selector` (the page's theme class, or a preview box). Colours are
 * parsed again here: whatever reaches this text is '#rrggbb' and nothing else, so a stored value
 * can never close the rule and add CSS of its own.
 */
export function themeStylesheet(c: ThemeColours, selector: string): string {
  const lines = Object.entries(themeTokens(c)).map(([name, value]) => {
    const safe = value === 'none' || value === 'currentColor' || /^#[0-9a-f]{6}$/.test(value) ? value : parseHexColour(value);
    if (!safe) throw new Error(`not a colour for ${name}`);
    return `  ${name}: ${safe};`;
  });
  return `${selector} {\n${lines.join('\n')}\n}\n`;
}

/**
 * Which tokens each colour of a theme sets: the admin screen's preview script repaints its box
 * with these as the colours are typed. Read from themeTokens itself, so the two never disagree.
 */
export function tokensByField(): Record<ThemeColourField, string[]> {
  const probe = Object.fromEntries(THEME_COLOUR_FIELDS.map((f, i) => [f, `#00000${i}`])) as unknown as ThemeColours;
  const tokens = Object.entries(themeTokens(probe));
  return Object.fromEntries(THEME_COLOUR_FIELDS.map((f) => [f, tokens.filter(([, v]) => v === probe[f]).map(([k]) => k)])) as Record<ThemeColourField, string[]>;
}
