import PDFDocument from 'pdfkit';
import type { EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { formatCell, money, reportMessages, reportSections, type Lang } from './report-text.ts';

// The standard PDF fonts only know WinAnsi; a few symbols of the texts are spelled out instead.
const pdfText = (s: string) => s.replace(/→/g, '->').replace(/≥/g, '>=').replace(/−/g, '-').replace(/…/g, '...');

const MARGIN = 50;

function drawTable(doc: PDFKit.PDFDocument, t: EvaluationTable, lang: Lang): void {
  const width = doc.page.width - 2 * MARGIN;
  const first = Math.min(150, width * 0.3);
  const other = (width - first) / Math.max(1, t.columns.length - 1);
  const widths = t.columns.map((_, i) => (i === 0 ? first : other));
  doc.font('Helvetica-Bold').fontSize(10).text(pdfText(textIn(t.title, lang)), MARGIN);
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
  row(t.columns.map((c) => textIn(c.label, lang)), true);
  for (const r of t.rows) row(t.columns.map((c) => formatCell(r[c.key] ?? null, c, lang)), false);
  for (const n of t.notes) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(textIn(n, lang)), MARGIN, doc.y + 2, { width });
  doc.moveDown(0.8);
}

/** The art. 1.3 report as a PDF (A4), the same content as the HTML rendering. */
export function renderReportPdf(r: ArticleReport, lang: Lang): Promise<Buffer> {
  const m = reportMessages(lang);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${m('title')} - ${textIn(r.subject.name, lang)}`, Author: 'Vroegsignaal' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(m('title')));
  doc.font('Helvetica').fontSize(12).text(pdfText(textIn(r.subject.name, lang)));
  doc.moveDown(0.5);
  if (r.due.warning) doc.font('Helvetica-Bold').fontSize(10).fillColor('#8a4500').text(pdfText(textIn(r.due.warning, lang))).fillColor('black');
  doc.font('Helvetica').fontSize(9);
  for (const [k, v] of [
    [m('regulation'), `${r.regulation.title} (${r.regulation.url})`],
    [m('inForce'), r.regulation.inForceFrom],
    [m('due'), r.due.due],
    [m('period'), `${r.period.from} – ${r.period.to}`],
    [m('signalTypes'), r.subject.signalTypes.join(', ')],
    [m('municipalities'), r.subject.municipalities.join(', ') || '–'],
    [m('generated'), r.generatedAt],
  ] as const)
    doc.text(pdfText(`${k}: ${v}`), { width });
  doc.moveDown(0.5).fontSize(8).text(pdfText(m('article')), { width });

  const heading = (h: string) => {
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(pdfText(h), MARGIN).moveDown(0.3);
  };
  for (const s of reportSections(r)) {
    heading(textIn(s.heading, lang));
    for (const t of s.tables) drawTable(doc, t, lang);
  }
  heading(m('sectionArms'));
  if (r.comparisons.length === 0) doc.font('Helvetica').fontSize(9).text(pdfText(m('noArms')), { width });
  for (const o of r.comparisons) {
    doc.font('Helvetica-Bold').fontSize(9).text(pdfText(textIn(o.label, lang)), { width });
    for (const c of o.comparisons) {
      doc.font('Helvetica').fontSize(8).text(pdfText(textIn(c.reading, lang)), { width });
      for (const w of c.warnings) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(textIn(w, lang)), { width });
    }
    doc.moveDown(0.4);
  }
  heading(m('sectionCosts'));
  doc.font('Helvetica').fontSize(8);
  for (const l of r.costs.lines) doc.text(pdfText(`${textIn(l.label, lang)}: ${money(l.quantity, lang)} × € ${money(l.unitAmount, lang)} = ${l.kind === 'cost' ? '-' : ''}€ ${money(l.amount, lang)}`), { width });
  doc.moveDown(0.3).font('Helvetica-Bold')
    .text(pdfText(`${m('totalCosts')}: € ${money(r.costs.totalCosts, lang)} · ${m('totalBenefits')}: € ${money(r.costs.totalBenefits, lang)} · ${m('net')}: € ${money(r.costs.net, lang)}`), { width });
  if (r.costsAreDefaults) doc.font('Helvetica-Oblique').fontSize(7).text(pdfText(m('defaults')), { width });
  heading(m('sectionMunicipalities'));
  for (const t of r.byMunicipality) drawTable(doc, t, lang);
  heading(m('sectionPrivacy'));
  doc.font('Helvetica').fontSize(8).text(pdfText(m('privacy')), { width });
  doc.end();
  return done;
}
