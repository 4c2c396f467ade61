import PDFDocument from 'pdfkit';
import type { EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';
import { formatCell, money, reportSections, T, type Lang } from './report-text.ts';

// The standard PDF fonts only know WinAnsi; a few symbols of the texts are spelled out instead.
const pdfText = (s: string) => s.replace(/→/g, '->').replace(/≥/g, '>=').replace(/−/g, '-').replace(/…/g, '...');

const MARGIN = 50;

function drawTable(doc: PDFKit.PDFDocument, t: EvaluationTable, lang: Lang): void {
  const width = doc.page.width - 2 * MARGIN;
  const first = Math.min(150, width * 0.3);
  const other = (width - first) / Math.max(1, t.columns.length - 1);
  const widths = t.columns.map((_, i) => (i === 0 ? first : other));
  doc.font('Helvetica-Bold').fontSize(10).text(pdfText(t.title[lang]), MARGIN);
  doc.moveDown(0.3);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7);
    const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: widths[i]! - 4 }));
    const h = Math.max(...heights) + 4;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(pdfText(c), x + 2, y + 2, { width: widths[i]! - 4, align: i === 0 ? 'left' : 'right' });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(t.columns.map((c) => c.label[lang]), true);
  for (const r of t.rows) row(t.columns.map((c) => formatCell(r[c.key] ?? null, c, lang)), false);
  for (const n of t.notes) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(n[lang]), MARGIN, doc.y + 2, { width });
  doc.moveDown(0.8);
}

/** The art. 1.3 report as a PDF (A4), the same content as the HTML rendering. */
export function renderReportPdf(r: ArticleReport, lang: Lang): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${T.title[lang]} - ${r.subject.name[lang]}`, Author: 'Vroegsignaal' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(T.title[lang]));
  doc.font('Helvetica').fontSize(12).text(pdfText(r.subject.name[lang]));
  doc.moveDown(0.5);
  if (r.due.warning) doc.font('Helvetica-Bold').fontSize(10).fillColor('#8a4500').text(pdfText(r.due.warning[lang])).fillColor('black');
  doc.font('Helvetica').fontSize(9);
  for (const [k, v] of [
    [T.regulation[lang], `${r.regulation.title} (${r.regulation.url})`],
    [T.inForce[lang], r.regulation.inForceFrom],
    [T.due[lang], r.due.due],
    [T.period[lang], `${r.period.from} – ${r.period.to}`],
    [T.signalTypes[lang], r.subject.signalTypes.join(', ')],
    [T.municipalities[lang], r.subject.municipalities.join(', ') || '–'],
    [T.generated[lang], r.generatedAt],
  ] as const)
    doc.text(pdfText(`${k}: ${v}`), { width });
  doc.moveDown(0.5).fontSize(8).text(pdfText(T.article[lang]), { width });

  const heading = (h: string) => {
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(pdfText(h), MARGIN).moveDown(0.3);
  };
  for (const s of reportSections(r)) {
    heading(s.heading[lang]);
    for (const t of s.tables) drawTable(doc, t, lang);
  }
  heading(T.sections.arms[lang]);
  if (r.comparisons.length === 0) doc.font('Helvetica').fontSize(9).text(pdfText(T.noArms[lang]), { width });
  for (const o of r.comparisons) {
    doc.font('Helvetica-Bold').fontSize(9).text(pdfText(o.label[lang]), { width });
    for (const c of o.comparisons) {
      doc.font('Helvetica').fontSize(8).text(pdfText(c.reading[lang]), { width });
      for (const w of c.warnings) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(w[lang]), { width });
    }
    doc.moveDown(0.4);
  }
  heading(T.sections.costs[lang]);
  doc.font('Helvetica').fontSize(8);
  for (const l of r.costs.lines) doc.text(pdfText(`${l.label[lang]}: ${money(l.quantity, lang)} × € ${money(l.unitAmount, lang)} = ${l.kind === 'cost' ? '-' : ''}€ ${money(l.amount, lang)}`), { width });
  doc.moveDown(0.3).font('Helvetica-Bold')
    .text(pdfText(`${T.totalCosts[lang]}: € ${money(r.costs.totalCosts, lang)} · ${T.totalBenefits[lang]}: € ${money(r.costs.totalBenefits, lang)} · ${T.net[lang]}: € ${money(r.costs.net, lang)}`), { width });
  if (r.costsAreDefaults) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(T.defaults[lang]), { width });
  heading(T.sections.municipalities[lang]);
  for (const t of r.byMunicipality) drawTable(doc, t, lang);
  heading(T.sections.privacy[lang]);
  doc.font('Helvetica').fontSize(8).text(pdfText(T.privacy[lang]), { width });
  doc.end();
  return done;
}
