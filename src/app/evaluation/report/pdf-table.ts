import { artifact, contentWidth, FONT, group, INK, MARGIN, pageBottom, pdfText, SIZE, tagged, type Doc, type Struct } from './pdf-kit.ts';
import { planTable, wrapWords, type Measure, type PdfGrid, type PlacedGrid } from './pdf-layout.ts';

const PAD = 3;

/** Text widths in the table fonts, for the column fitting. */
export function tableMeasure(doc: Doc): Measure {
  return (text, bold) => doc.font(bold ? FONT.bold : FONT.regular).fontSize(SIZE.table).widthOfString(pdfText(text));
}

/** How the grid goes on the page (as is, turned, or in parts); see planTable. */
export function placeTable(doc: Doc, grid: PdfGrid, corner: string): PlacedGrid[] {
  return planTable(grid, tableMeasure(doc), contentWidth(doc), PAD, corner);
}

const cellFont = (header: boolean, col: number) => (header || col === 0 ? FONT.bold : FONT.regular);

/** A cell's lines, wrapped at spaces only, in the cell's font (which this leaves set). */
function cellLines(doc: Doc, text: string, width: number, header: boolean, col: number): string[] {
  doc.font(cellFont(header, col)).fontSize(SIZE.table);
  return wrapWords(pdfText(text), width - 2 * PAD, (s) => doc.widthOfString(s));
}

function rowHeight(doc: Doc, cells: readonly string[], widths: readonly number[], header: boolean): number {
  const lines = Math.max(...cells.map((c, i) => cellLines(doc, c, widths[i]!, header, i).length));
  return lines * doc.fontSize(SIZE.table).currentLineHeight(true) + 2 * PAD;
}

/** What must fit before a table starts: its header row and its first body row. */
export function tableStartHeight(doc: Doc, p: PlacedGrid): number {
  return rowHeight(doc, p.grid.head, p.widths, true) + (p.grid.rows[0] ? rowHeight(doc, p.grid.rows[0], p.widths, false) : 0);
}

function drawRule(doc: Doc, y: number, width: number, weight: number): void {
  artifact(doc, () => {
    doc.moveTo(MARGIN.side, y).lineTo(MARGIN.side + width, y).lineWidth(weight).strokeColor(INK.rule).stroke();
  });
}

/**
 * One row. With `row` each cell is tagged (TH with its scope, or TD) in reading order; without it
 * the row is an artifact — the header repeated at the top of a continuation page, which a screen
 * reader already has from the table's first page.
 */
function drawRow(doc: Doc, cells: readonly string[], p: PlacedGrid, header: boolean, row: Struct | null): void {
  const y = doc.y;
  const h = rowHeight(doc, cells, p.widths, header);
  const width = p.widths.reduce((a, b) => a + b, 0);
  if (header) artifact(doc, () => doc.rect(MARGIN.side, y, width, h).fill(INK.headFill));
  let x = MARGIN.side;
  cells.forEach((c, i) => {
    const w = p.widths[i]!;
    const cellX = x;
    const right = p.grid.numeric[i] && !(header && i === 0);
    const draw = () => {
      const lines = cellLines(doc, c, w, header, i);
      const lineHeight = doc.currentLineHeight(true);
      doc.fillColor(INK.text);
      lines.forEach((line, k) => {
        const lineX = right ? cellX + w - PAD - doc.widthOfString(line) : cellX + PAD;
        doc.text(line, lineX, y + PAD + k * lineHeight, { lineBreak: false });
      });
    };
    if (!row) artifact(doc, draw, 'Pagination');
    else if (header) tagged(doc, row, 'TH', draw, { scope: 'Column' });
    else if (i === 0) tagged(doc, row, 'TH', draw, { scope: 'Row' });
    else tagged(doc, row, 'TD', draw);
    x += w;
  });
  drawRule(doc, y + h, width, header ? 0.8 : 0.3);
  doc.x = MARGIN.side;
  doc.y = y + h;
}

/** A table with its header row (THead) and body (TBody); rows never split, the header repeats on a new page. */
export function drawTable(doc: Doc, parent: Struct, p: PlacedGrid): void {
  const table = group(doc, parent, 'Table');
  const head = group(doc, table, 'THead');
  const headRow = group(doc, head, 'TR');
  drawRow(doc, p.grid.head, p, true, headRow);
  headRow.end();
  head.end();
  const body = group(doc, table, 'TBody');
  for (const cells of p.grid.rows) {
    if (doc.y + rowHeight(doc, cells, p.widths, false) > pageBottom(doc)) {
      doc.addPage();
      drawRow(doc, p.grid.head, p, true, null);
    }
    const tr = group(doc, body, 'TR');
    drawRow(doc, cells, p, false, tr);
    tr.end();
  }
  body.end();
  table.end();
  doc.y += SIZE.table * 0.6;
}
