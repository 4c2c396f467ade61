import Color from 'color';
import type { LocalizedText } from '../i18n/index.ts';
import { COLOUR_NAMES, PAGE_BACKGROUND, type ThemeColourField, type ThemeColours } from './theme.ts';

/** WCAG 2.1 AA: 4.5:1 for normal text (1.4.3), 3:1 for user interface components (1.4.11). */
const TEXT_CONTRAST = 4.5;
const UI_CONTRAST = 3;

/** The WCAG 2.x contrast ratio of two colours (1 to 21), by the `color` package's relative luminance. */
export function contrastRatio(a: string, b: string): number {
  return Color(a).contrast(Color(b));
}

interface ContrastPair {
  foreground: ThemeColourField;
  /** A colour of the theme, or the page itself. */
  background: ThemeColourField | 'page';
  needed: number;
  why: LocalizedText;
}

/**
 * Every pair of colours a themed page puts on top of each other. The header holds links, the
 * organisation's name, the language switch and the logout button in the header text colour, so
 * it is text; the primary colour fills buttons on the white page, so it is a component (3:1).
 */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { foreground: 'primaryText', background: 'primary', needed: TEXT_CONTRAST, why: { nl: 'tekst op knoppen', en: 'text on buttons' } },
  { foreground: 'primary', background: 'page', needed: UI_CONTRAST, why: { nl: 'knoppen op de witte pagina', en: 'buttons on the white page' } },
  { foreground: 'headerText', background: 'headerBackground', needed: TEXT_CONTRAST, why: { nl: 'tekst en links in de kop', en: 'text and links in the header' } },
  { foreground: 'footerText', background: 'footerBackground', needed: TEXT_CONTRAST, why: { nl: 'tekst in de voet', en: 'text in the footer' } },
];

export interface ContrastIssue {
  foreground: ThemeColourField;
  background: ThemeColourField | 'page';
  /** Rounded down to two decimals, so a ratio shown as 4.49 never reads as passing. */
  found: number;
  needed: number;
  message: LocalizedText;
}

const PAGE_NAME: LocalizedText = { nl: 'pagina-achtergrond (wit)', en: 'page background (white)' };
const floor2 = (n: number) => Math.floor(n * 100) / 100;
const nl = (n: number) => String(n).replace('.', ',');

/** The pairs of a theme that fall short of WCAG 2.1 AA, each with the ratio found and needed. */
export function checkThemeContrast(theme: ThemeColours): ContrastIssue[] {
  const issues: ContrastIssue[] = [];
  for (const p of CONTRAST_PAIRS) {
    const bg = p.background === 'page' ? PAGE_BACKGROUND : theme[p.background];
    const ratio = contrastRatio(theme[p.foreground], bg);
    if (ratio >= p.needed) continue;
    const found = floor2(ratio);
    const fgName = COLOUR_NAMES[p.foreground];
    const bgName = p.background === 'page' ? PAGE_NAME : COLOUR_NAMES[p.background];
    issues.push({
      foreground: p.foreground,
      background: p.background,
      found,
      needed: p.needed,
      message: {
        nl: `Te weinig contrast tussen ${fgName.nl} en ${bgName.nl} (${p.why.nl}): ${nl(found)}:1, nodig is ten minste ${nl(p.needed)}:1 (WCAG 2.1 AA).`,
        en: `Too little contrast between ${fgName.en} and ${bgName.en} (${p.why.en}): ${found}:1, at least ${p.needed}:1 is needed (WCAG 2.1 AA).`,
      },
    });
  }
  return issues;
}
