import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { pipePdf } from '../pdf/pipe-pdf.ts';
import { fontFor, PDF_FONT, pdfText, registerPdfFonts } from '../pdf/pdf-text.ts';

/** One letter of a print run: sender, resident's address, date and the merged text. */
export interface LetterPage {
  sender: string;
  addressLines: string[];
  date: string;
  subject: string;
  body: string;
}

const MM = 72 / 25.4;
// NEN 2780-ish window envelope (EA5/6, window left): the address window starts about 20 mm from
// the left and 50 mm from the top of an A4 folded in three; the sender line sits just above it.
const WINDOW_LEFT = 20 * MM;
const WINDOW_TOP = 50 * MM;
const WINDOW_WIDTH = 85 * MM;
const MARGIN_LEFT = 25 * MM;
const MARGIN_RIGHT = 20 * MM;

/**
 * Writes letters as one A4 PDF, one letter a page, to a stream as they come: pdfkit flushes each
 * finished page, so a run of thousands of letters never sits in memory. Resolves when the stream
 * has taken the whole file. Respects back-pressure so a slow reader cannot make the file pile up.
 */
export async function writeLettersPdf(letters: AsyncIterable<LetterPage>, out: Writable, meta: { title: string }): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: meta.title, Author: 'Vroegsignaal' } });
  registerPdfFonts(doc);
  const finished = pipePdf(doc, out);
  let pages = 0;
  for await (const l of letters) {
    doc.addPage();
    drawLetter(doc, l);
    pages++;
    if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
  }
  doc.end();
  await finished;
  return pages;
}

function drawLetter(doc: PDFKit.PDFDocument, l: LetterPage): void {
  const width = doc.page.width - MARGIN_LEFT - MARGIN_RIGHT;
  const text = (face: (typeof PDF_FONT)[keyof typeof PDF_FONT], size: number, s: string, x: number, y: number, o: PDFKit.Mixins.TextOptions) => {
    const t = pdfText(s);
    doc.font(fontFor(face, t)).fontSize(size).text(t, x, y, o);
  };
  text(PDF_FONT.bold, 14, l.sender, MARGIN_LEFT, 20 * MM, { width, lineBreak: false });
  // The return line above the address, small, inside the window.
  text(PDF_FONT.regular, 7, l.sender, WINDOW_LEFT, WINDOW_TOP - 5 * MM, { width: WINDOW_WIDTH, lineBreak: false });
  let y = WINDOW_TOP;
  for (const line of l.addressLines) {
    text(PDF_FONT.regular, 10, line, WINDOW_LEFT, y, { width: WINDOW_WIDTH, lineBreak: false });
    y += 5 * MM;
  }
  text(PDF_FONT.regular, 10, l.date, MARGIN_LEFT, 100 * MM, { width });
  text(PDF_FONT.bold, 11, l.subject, MARGIN_LEFT, 110 * MM, { width });
  // The body in runs of lines by font: a name outside Latin-1 puts its line ("Beste Şükrü …,") in
  // the full font, and the rest of the letter stays in the light Latin-1 cut (its layouts cached
  // once for the whole run instead of twice).
  const bottom = doc.page.height - 20 * MM;
  doc.y = 122 * MM;
  for (const run of runsByFont(pdfText(l.body).split('\n'))) {
    const room = bottom - doc.y;
    if (room <= 0) break;
    doc.font(run.font).fontSize(11).text(run.lines.join('\n'), MARGIN_LEFT, doc.y, { width, lineGap: 2, paragraphGap: 4, height: room, ellipsis: true });
  }
}

/** Consecutive lines that take the same face; an empty line goes with the line after it (pdfkit drops a run's trailing one). */
function runsByFont(lines: string[]): Array<{ font: string; lines: string[] }> {
  const runs: Array<{ font: string; lines: string[] }> = [];
  let empty = 0;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    const font = fontFor(PDF_FONT.regular, line);
    const last = runs.at(-1);
    const blank = Array<string>(empty).fill('');
    empty = 0;
    if (last && last.font === font) last.lines.push(...blank, line);
    else runs.push({ font, lines: [...blank, line] });
  }
  return runs;
}
