import PDFDocument from 'pdfkit';
import type { EvaluationTable } from '../../../domain/evaluation/tables.ts';
import type { ArticleReport } from '../build-article-report.ts';
import { textIn } from '../../../domain/i18n/index.ts';
import { formatCell, money, reportMessages, reportSections, type Lang } from './report-text.ts';
import { artifact, contentWidth, FONT, group, heading, INK, keepSpace, MARGIN, paragraph, pdfText, registerFonts, SIZE, type Doc, type Struct } from './pdf-kit.ts';
import { drawTable, placeTable, tableStartHeight } from './pdf-table.ts';
import { chartAlt, chartHeightOf, drawBarChart, type Bar } from './pdf-chart.ts';
import { pdfMessages } from './pdf-messages.ts';
import type { PdfGrid } from './pdf-layout.ts';

/** Tables (of one row: the total) that also get a bar chart, and the counts it shows. */
const CHARTS: Record<string, readonly string[]> = {
  funnel: ['accepted', 'matched', 'cases', 'pickedUp', 'contactAttempted', 'reached', 'helpAccepted'],
  amounts: ['bandUnder300', 'band300To1000', 'band1000To2500', 'band2500Plus'],
};

const LANGUAGE_TAG: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

function gridOf(t: EvaluationTable, lang: Lang): PdfGrid {
  return {
    head: t.columns.map((c) => textIn(c.label, lang)),
    rows: t.rows.map((r) => t.columns.map((c) => formatCell(r[c.key] ?? null, c, lang))),
    numeric: t.columns.map((c) => c.type !== 'dimension'),
  };
}

function chartOf(t: EvaluationTable, lang: Lang): { bars: Bar[]; alt: string } | null {
  const keys = CHARTS[t.key];
  const row = t.rows[0];
  if (!keys || t.rows.length !== 1 || !row) return null;
  const bars = t.columns
    .filter((c) => keys.includes(c.key) && row[c.key] !== undefined)
    .map((c) => {
      const v = row[c.key] ?? null;
      return { label: textIn(c.label, lang), value: typeof v === 'number' ? v : null, shown: formatCell(v, c, lang) };
    });
  return bars.length ? { bars, alt: chartAlt(textIn(t.title, lang), bars, lang) } : null;
}

/** A table under its own H3: chart first (when it has one), then the table, in parts if it is too wide, then its notes. */
function evaluationTable(doc: Doc, sect: Struct, t: EvaluationTable, lang: Lang): void {
  const title = textIn(t.title, lang);
  const parts = placeTable(doc, gridOf(t, lang), pdfMessages(lang)('measure'));
  const chart = chartOf(t, lang);
  parts.forEach((p, i) => {
    const chartHeight = i === 0 && chart ? chartHeightOf(chart.bars) : 0;
    heading(doc, sect, 'H3', parts.length > 1 ? pdfMessages(lang)('part', { title, n: i + 1, of: parts.length }) : title, chartHeight + tableStartHeight(doc, p));
    if (i === 0 && chart) drawBarChart(doc, sect, chart.bars, chart.alt);
    keepSpace(doc, tableStartHeight(doc, p));
    drawTable(doc, sect, p);
  });
  for (const n of t.notes) paragraph(doc, sect, textIn(n, lang), { font: FONT.italic, size: SIZE.small, color: INK.muted });
}

function section(doc: Doc, root: Struct, title: string): Struct {
  const sect = group(doc, root, 'Sect');
  heading(doc, sect, 'H2', title);
  return sect;
}

/** Page numbers and the report's name at the foot of every page, as pagination artifacts. */
function footers(doc: Doc, name: string, lang: Lang): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not start a new page
    const y = doc.page.height - MARGIN.bottom + 24;
    const page = pdfMessages(lang)('page', { n: i + 1, of: range.count });
    artifact(doc, () => {
      doc.font(FONT.regular).fontSize(SIZE.small).fillColor(INK.muted);
      const pageWidth = doc.widthOfString(page);
      doc.text(fitWords(doc, pdfText(name), contentWidth(doc) - pageWidth - 16), MARGIN.side, y, { lineBreak: false });
      doc.text(page, doc.page.width - MARGIN.side - pageWidth, y, { lineBreak: false });
      doc.fillColor(INK.text);
    }, 'Pagination');
    doc.page.margins.bottom = bottom;
  }
}

/** The text cut back to whole words (with an ellipsis) until it fits `width`. */
function fitWords(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const words = text.split(' ');
  while (words.length > 1 && doc.widthOfString(`${words.join(' ')} ...`) > width) words.pop();
  return `${words.join(' ')} ...`;
}

/**
 * New content belongs in a section (`section`) and is drawn with `heading`, `paragraph` and
 * `placeTable` + `drawTable`, so it is tagged; anything drawn with plain `doc.text` is untagged
 * content, which the evaluation tests refuse.
 *
 * The art. 1.3 report as a tagged PDF on A4, the same content as the HTML rendering: headings H1–H3,
 * tables with header cells, charts with alternative text, the language and title set, page
 * furniture as artifacts — what a screen reader and PDF/UA checkers look for.
 */
export function renderReportPdf(r: ArticleReport, lang: Lang): Promise<Buffer> {
  const m = reportMessages(lang);
  const title = `${m('title')} – ${textIn(r.subject.name, lang)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    pdfVersion: '1.7',
    tagged: true,
    lang: LANGUAGE_TAG[lang],
    displayTitle: true,
    // pdfkit's typings lag behind: 'PDF/UA' adds the pdfuaid part to the XMP metadata.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    bufferPages: true,
    info: { Title: title, Author: 'Vroegsignaal', Subject: m('title') },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // One Document element holds everything (the structure tree's root has a single child).
  const root = doc.struct('Document');
  doc.addStructure(root);
  const front = group(doc, root, 'Sect');
  heading(doc, front, 'H1', m('title'));
  paragraph(doc, front, textIn(r.subject.name, lang), { font: FONT.bold, size: 12 });
  if (r.due.warning) paragraph(doc, front, textIn(r.due.warning, lang), { font: FONT.bold, color: INK.warning });
  for (const [k, v] of [
    [m('regulation'), `${r.regulation.title} (${r.regulation.url})`],
    [m('inForce'), r.regulation.inForceFrom],
    [m('due'), r.due.due],
    [m('period'), `${r.period.from} – ${r.period.to}`],
    [m('signalTypes'), r.subject.signalTypes.join(', ')],
    [m('municipalities'), r.subject.municipalities.join(', ') || '–'],
    [m('generated'), r.generatedAt],
  ] as const)
    paragraph(doc, front, `${k}: ${v}`, { gapAfter: 1 });
  doc.y += SIZE.body * 0.6;
  paragraph(doc, front, m('article'), { size: SIZE.small });

  for (const s of reportSections(r)) {
    const sect = section(doc, root, textIn(s.heading, lang));
    for (const t of s.tables) evaluationTable(doc, sect, t, lang);
  }

  const arms = section(doc, root, m('sectionArms'));
  if (r.comparisons.length === 0) paragraph(doc, arms, m('noArms'));
  for (const o of r.comparisons) {
    heading(doc, arms, 'H3', textIn(o.label, lang), 30);
    for (const c of o.comparisons) {
      paragraph(doc, arms, textIn(c.reading, lang));
      // A group too small to compare has its warning as the reading itself: not printed twice.
      for (const w of c.warnings.filter((x) => x.nl !== c.reading.nl)) paragraph(doc, arms, textIn(w, lang), { font: FONT.italic, size: SIZE.small, color: INK.muted });
    }
  }

  if (r.preRegistration) {
    heading(doc, arms, 'H3', m('preRegistration'), 30);
    for (const l of r.preRegistration) paragraph(doc, arms, textIn(l, lang));
  }

  const costs = section(doc, root, m('sectionCosts'));
  const costGrid: PdfGrid = {
    head: [m('costLine'), m('quantity'), m('unit'), m('amount')],
    rows: r.costs.lines.map((l) => [textIn(l.label, lang), money(l.quantity, lang), money(l.unitAmount, lang), `${l.kind === 'cost' ? '-' : ''}${money(l.amount, lang)}`]),
    numeric: [false, true, true, true],
  };
  for (const p of placeTable(doc, costGrid, pdfMessages(lang)('measure'))) {
    keepSpace(doc, tableStartHeight(doc, p));
    drawTable(doc, costs, p);
  }
  const ratio = r.costs.benefitCostRatio === null ? '' : ` · ${m('ratio')}: ${money(r.costs.benefitCostRatio, lang)}`;
  paragraph(doc, costs, `${m('totalCosts')}: € ${money(r.costs.totalCosts, lang)} · ${m('totalBenefits')}: € ${money(r.costs.totalBenefits, lang)} · ${m('net')}: € ${money(r.costs.net, lang)}${ratio}`, { font: FONT.bold });
  if (r.costsAreDefaults) paragraph(doc, costs, m('defaults'), { font: FONT.italic, size: SIZE.small, color: INK.muted });

  const perMunicipality = section(doc, root, m('sectionMunicipalities'));
  for (const t of r.byMunicipality) evaluationTable(doc, perMunicipality, t, lang);

  const privacy = section(doc, root, m('sectionPrivacy'));
  paragraph(doc, privacy, m('privacy'));

  root.end();
  footers(doc, title, lang);
  doc.end();
  return done;
}
