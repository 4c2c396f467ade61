import { pdfObjects, shownText } from './pdf-structure.ts';

/**
 * The text a pdfkit PDF shows, in drawing order, one line per text operator: standard fonts
 * decoded as WinAnsi, embedded fonts through their ToUnicode map. Enough to check what a generated
 * PDF says; not a general PDF parser.
 */
export function pdfTextOf(pdf: Buffer): string {
  return shownText(pdfObjects(pdf)).join('\n');
}
