/**
 * Text as pdfkit's standard fonts can draw it: they only know WinAnsi, so typographic quotes and
 * dashes become their plain forms and anything else outside it a '?', instead of garbage.
 */
export const pdfText = (s: string): string =>
  s
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—−]/g, '-')
    .replace(/→/g, '->')
    .replace(/≥/g, '>=')
    .replace(/…/g, '...')
    .replace(/[^\n\x20-\x7e\xa0-\xff€]/g, '?');
