import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import type { AccessAnswer, AnswerTable } from '../../domain/privacy/access-answer.ts';
import { PDF_FONT, pdfText, registerPdfFonts } from '../pdf/pdf-text.ts';
import { pipePdf } from '../pdf/pipe-pdf.ts';

const MARGIN = 50;

/** The answer to an access request as an A4 PDF, in the plain style of the referral summary; streamed to `out`. */
export async function writeAccessAnswerPdf(a: AccessAnswer, out: Writable): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: a.lang === 'nl' ? 'nl-NL' : 'en-GB', info: { Title: pdfText(a.title), Author: 'Vroegsignaal' }, displayTitle: true });
  registerPdfFonts(doc);
  const finished = pipePdf(doc, out);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const para = (s: string) => doc.font(PDF_FONT.regular).fontSize(10).text(pdfText(s), MARGIN, doc.y, { width }).moveDown(0.4);
  const heading = (h: string, size: number) => {
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.moveDown(0.6).font(PDF_FONT.bold).fontSize(size).text(pdfText(h), MARGIN, doc.y, { width }).moveDown(0.3);
  };

  doc.font(PDF_FONT.bold).fontSize(16).text(pdfText(a.title), { width });
  doc.moveDown(0.5);
  for (const p of a.intro) para(p);
  for (const s of a.sections) {
    heading(s.heading, 12);
    for (const p of s.paragraphs) para(p);
    for (const f of s.facts ?? []) {
      heading(f.title, 10);
      drawTable(doc, { caption: '', head: [], rows: f.items.map(([k, v]) => [k, v]) }, [0.35, 0.65], width, bottom);
    }
    for (const t of s.tables ?? []) {
      if (t.caption && t.caption !== s.heading) heading(t.caption, 10);
      drawTable(doc, t, t.head.map(() => 1 / t.head.length), width, bottom);
    }
  }
  doc.end();
  await finished;
}

/** Rows with a rule under each; the header row again on every new page. */
function drawTable(doc: PDFKit.PDFDocument, t: AnswerTable, fractions: number[], width: number, bottom: () => number): void {
  const widths = fractions.map((f) => f * width);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c), { width: widths[i]! - 4 }))) + 4;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!bold && t.head.length > 0) row(t.head, true);
      doc.font(bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(9);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(pdfText(c), x + 2, y + 2, { width: widths[i]! - 4 });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  if (t.head.length > 0) row(t.head, true);
  for (const r of t.rows) row(r, false);
  doc.moveDown(0.5);
}
