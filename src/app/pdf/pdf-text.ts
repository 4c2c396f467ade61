import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The letters', referral summary's and access answer's font: Noto Sans, embedded and subset by
 * pdfkit to the glyphs a document uses (one subset per font per document, however many pages).
 * The full font, not a Latin-1 one: residents' and streets' names carry ş, ğ, Ł, ő and the like,
 * which pdfkit's built-in fonts (WinAnsi only) would print as '?'. The @fontsource files the
 * evaluation report uses are split by script (a name like "Şükrü" would need two of them in one
 * word), so these are the complete TTFs.
 */
// Not the fonts' own PostScript names: pdfkit also files a loaded font under that name, so the
// Latin-1 cut (NotoSans-Bold) would answer for a face registered as 'NotoSans-Bold'.
export const PDF_FONT = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Italic' } as const;
const FILES: Record<(typeof PDF_FONT)[keyof typeof PDF_FONT], string> = {
  [PDF_FONT.regular]: '400Regular/NotoSans_400Regular.ttf',
  [PDF_FONT.bold]: '700Bold/NotoSans_700Bold.ttf',
  [PDF_FONT.italic]: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
};
// The same faces cut to Latin-1 (the evaluation report's files): far smaller to parse and lay out
// with, enough for most texts. pdfkit reads a registered font only when a text first uses it.
const LATIN_FILES: Record<(typeof PDF_FONT)[keyof typeof PDF_FONT], string> = {
  [PDF_FONT.regular]: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  [PDF_FONT.bold]: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  [PDF_FONT.italic]: '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff',
};
const LATIN = '-Latin';
let fontData: Array<[string, Buffer]> | undefined;

/** Registers Noto Sans with a new document and selects the regular face's Latin-1 cut (files read once per process). */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const require = createRequire(import.meta.url);
  fontData ??= [
    ...Object.entries(FILES).map(([name, file]): [string, Buffer] => [name, readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file}`))]),
    ...Object.entries(LATIN_FILES).map(([name, file]): [string, Buffer] => [name + LATIN, readFileSync(require.resolve(file))]),
  ];
  for (const [name, data] of fontData) doc.registerFont(name, data);
  doc.font(PDF_FONT.regular + LATIN);
}

// Characters the Latin cut of @fontsource/noto-sans has a glyph for (checked glyph by glyph in its
// three faces: of the punctuation block it declares, only dashes, quotes, bullet, ellipsis, primes,
// guillemets and the fraction slash are drawn).
const IN_LATIN_CUT = /^[\n\x20-\x7e\xa0-\xff\u0131\u0152\u0153\u2013\u2014\u2018-\u201a\u201c-\u201e\u2022\u2026\u2032\u2033\u2039\u203a\u2044\u20ac\u2122]*$/;

/**
 * The face to draw `text` in: the Latin-1 cut when it holds every character, else the full font.
 * A print run of thousands of letters then loads the full font (megabytes of layout tables) only
 * when a name or street needs it, and a line is always drawn in one font (no change inside a word).
 */
export const fontFor = (face: (typeof PDF_FONT)[keyof typeof PDF_FONT], text: string): string => (IN_LATIN_CUT.test(text) ? face + LATIN : face);

/**
 * Text as the embedded font can draw it: Noto Sans has no arrows or comparison signs, so those are
 * spelled out; control characters (other than a line break) are dropped rather than drawn as boxes.
 */
export const pdfText = (s: string): string =>
  s
    .replace(/→/g, '->')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '');
