import { contentWidth, FONT, INK, keepSpace, MARGIN, pdfText, SIZE, tagged, type Doc, type Struct } from './pdf-kit.ts';
import { pdfMessages } from './pdf-messages.ts';
import type { Lang } from './report-text.ts';

/** One bar: its label, its count (null when suppressed) and the count as printed. */
export interface Bar {
  label: string;
  value: number | null;
  shown: string;
}

/** The chart's alternative text: what it shows, with every figure, so nothing is only in the picture. */
export function chartAlt(title: string, bars: readonly Bar[], lang: Lang): string {
  const m = pdfMessages(lang);
  if (bars.every((b) => b.value === null || b.value === 0) && bars.every((b) => b.value !== null)) return m('chartNoData', { title });
  const values = bars.map((b) => (b.value === null ? m('suppressed', { label: b.label }) : m('chartValue', { label: b.label, value: b.shown }))).join('; ');
  return m('chartAlt', { title, values });
}

const BAR = { height: 11, gap: 5, valueWidth: 46 } as const;

/** The room a chart takes on the page, so its heading can be kept with it. */
export const chartHeightOf = (bars: readonly Bar[]) => bars.length * (BAR.height + BAR.gap) + 10;

/**
 * A horizontal bar chart as one Figure with its alternative text; the same figures follow in the
 * table under it. A suppressed bar is left out and says so.
 */
export function drawBarChart(doc: Doc, parent: Struct, bars: readonly Bar[], alt: string): void {
  const width = contentWidth(doc);
  doc.font(FONT.regular).fontSize(SIZE.small);
  const labelWidth = Math.min(width * 0.4, Math.max(...bars.map((b) => doc.widthOfString(pdfText(b.label)))) + 8);
  const barArea = width - labelWidth - BAR.valueWidth;
  const height = bars.length * (BAR.height + BAR.gap);
  keepSpace(doc, chartHeightOf(bars));
  const top = doc.y + 4;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  tagged(
    doc,
    parent,
    'Figure',
    () => {
      bars.forEach((b, i) => {
        const y = top + i * (BAR.height + BAR.gap);
        doc.font(FONT.regular).fontSize(SIZE.small).fillColor(INK.text)
          .text(pdfText(b.label), MARGIN.side, y + 1, { lineBreak: false });
        const w = b.value === null ? 0 : (barArea * b.value) / max;
        if (w > 0) doc.rect(MARGIN.side + labelWidth, y, w, BAR.height).fill(INK.accent);
        doc.fillColor(INK.text).text(pdfText(b.shown), MARGIN.side + labelWidth + w + 4, y + 1, { width: BAR.valueWidth, lineBreak: false });
      });
    },
    { alt, bbox: [MARGIN.side, top, MARGIN.side + width, top + height] },
  );
  doc.x = MARGIN.side;
  doc.y = top + height + 6;
}
