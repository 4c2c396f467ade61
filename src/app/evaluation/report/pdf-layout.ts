/**
 * Column fitting for the report's PDF tables, free of pdfkit so it can be reasoned about (and
 * tested) on its own. The rule it keeps: no cell text is ever broken inside a word. A column is
 * at least as wide as its longest word; a table whose columns cannot all be that wide on the page
 * is turned a quarter (measures as rows) or, failing that, split into parts that repeat the row
 * headers. The font never shrinks below the body size to make a table fit.
 */

/** A table as text: `head` are the column headers, each row starts with its row header. */
export interface PdfGrid {
  head: string[];
  rows: string[][];
  /** Per column: right-aligned (figures) or left-aligned (text). */
  numeric: boolean[];
}

/** The width of a text on one line, in points, in the header (bold) or the body font. */
export type Measure = (text: string, bold: boolean) => number;

export interface PlacedGrid {
  grid: PdfGrid;
  widths: number[];
}

const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');

/**
 * The narrowest a column may be: its longest word (measured with the space pdfkit's line wrapper
 * counts after it) plus the cell padding on both sides, plus a hair for rounding.
 */
function minWidth(cells: readonly string[], headIndex: number, measure: Measure, pad: number): number {
  let w = 0;
  cells.forEach((c, i) => {
    for (const word of words(c)) w = Math.max(w, measure(`${word} `, i === headIndex));
  });
  return w + 2 * pad + 1;
}

function preferredWidth(cells: readonly string[], headIndex: number, measure: Measure, pad: number): number {
  return Math.max(...cells.map((c, i) => measure(c, i === headIndex))) + 2 * pad + 1;
}

/** Column widths that fill `available` and break no word, or null when the words alone do not fit. */
export function fitColumns(grid: PdfGrid, measure: Measure, available: number, pad: number): number[] | null {
  // Header cells are bold; a row's first cell (its row header) is bold too.
  const columns = grid.head.map((h, j) => ({ cells: [h, ...grid.rows.map((r) => r[j] ?? '')], boldAll: j === 0 }));
  const min = columns.map((c) => (c.boldAll ? minWidth(c.cells, -1, (t) => measure(t, true), pad) : minWidth(c.cells, 0, measure, pad)));
  const pref = columns.map((c, j) => Math.max(min[j]!, c.boldAll ? preferredWidth(c.cells, -1, (t) => measure(t, true), pad) : preferredWidth(c.cells, 0, measure, pad)));
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin > available) return null;
  const sumPref = pref.reduce((a, b) => a + b, 0);
  if (sumPref <= available) {
    // Everything fits on one line: the spare room goes to the row-header column, where labels are long.
    const widths = [...pref];
    widths[0]! += available - sumPref;
    return widths;
  }
  // Share the room above the minimum in proportion to what each column would like to have.
  const k = (available - sumMin) / (sumPref - sumMin);
  return min.map((m, j) => m + (pref[j]! - m) * k);
}

/** The same figures with the measures as rows and the groups as columns. */
function transpose(grid: PdfGrid, corner: string): PdfGrid {
  const measures = grid.head.slice(1);
  const textValues = grid.numeric.slice(1).some((n) => !n);
  return {
    head: [corner, ...grid.rows.map((r) => r[0] ?? '')],
    rows: measures.map((m, j) => [m, ...grid.rows.map((r) => r[j + 1] ?? '')]),
    numeric: [false, ...grid.rows.map(() => !textValues)],
  };
}

/** Columns 1..n in consecutive parts that each fit beside the row-header column. */
function splitColumns(grid: PdfGrid, measure: Measure, available: number, pad: number): PlacedGrid[] | null {
  const part = (cols: number[]): PdfGrid => ({
    head: [grid.head[0]!, ...cols.map((j) => grid.head[j]!)],
    rows: grid.rows.map((r) => [r[0] ?? '', ...cols.map((j) => r[j] ?? '')]),
    numeric: [grid.numeric[0]!, ...cols.map((j) => grid.numeric[j]!)],
  });
  const out: PlacedGrid[] = [];
  let cols: number[] = [];
  let placed: number[] | null = null;
  for (let j = 1; j < grid.head.length; j++) {
    const tried = fitColumns(part([...cols, j]), measure, available, pad);
    if (tried) {
      cols = [...cols, j];
      placed = tried;
      continue;
    }
    if (cols.length === 0) return null; // one column beside the row headers does not fit: nothing will
    out.push({ grid: part(cols), widths: placed! });
    cols = [j];
    placed = fitColumns(part(cols), measure, available, pad);
    if (!placed) return null;
  }
  if (cols.length) out.push({ grid: part(cols), widths: placed! });
  return out;
}

/**
 * How a table goes on the page: as it is when its words fit; else turned (measures as rows) when
 * that fits; else split into parts by columns. Only when not even one figure column fits beside
 * the row headers (a single word wider than the page) is the turned table given even widths.
 */
export function planTable(grid: PdfGrid, measure: Measure, available: number, pad: number, corner: string): PlacedGrid[] {
  const asIs = fitColumns(grid, measure, available, pad);
  if (asIs) return [{ grid, widths: asIs }];
  const turned = transpose(grid, corner);
  const turnedWidths = fitColumns(turned, measure, available, pad);
  if (turnedWidths) return [{ grid: turned, widths: turnedWidths }];
  const parts = splitColumns(grid, measure, available, pad);
  if (parts) return parts;
  return [{ grid: turned, widths: turned.head.map(() => available / turned.head.length) }];
}

/**
 * A cell's text in lines no wider than `width`, broken only at spaces (never inside a word, nor
 * after a dash inside a range such as "€ 300–1.000"). A word wider than `width` keeps its own line;
 * fitColumns makes sure there is none.
 */
export function wrapWords(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && measure(longer) > width) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  return [...lines, line];
}
