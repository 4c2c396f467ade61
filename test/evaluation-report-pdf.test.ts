import { after, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import PDFDocument from 'pdfkit';
import { renderReportPdf } from '../src/app/evaluation/report/render-pdf.ts';
import { fitColumns, planTable, wrapWords, type Measure, type PdfGrid } from '../src/app/evaluation/report/pdf-layout.ts';
import { pdfMessages } from '../src/app/evaluation/report/pdf-messages.ts';
import { MARGIN, pdfText, registerFonts } from '../src/app/evaluation/report/pdf-kit.ts';
import { placeTable, tableMeasure } from '../src/app/evaluation/report/pdf-table.ts';
import { formatCell, reportMessages, reportSections } from '../src/app/evaluation/report/report-text.ts';
import { textIn } from '../src/domain/i18n/index.ts';
import { articleReportFixture } from './helpers/article-report-fixture.ts';
import { decodePdfString, markedRuns, pdfObjects, stringEntry, structElements, untaggedText, type PdfObject } from './helpers/pdf-structure.ts';

// A stand-in for font metrics: every character 5 points wide (bold 6), so widths are easy to reason about.
const measure: Measure = (text, bold) => text.length * (bold ? 6 : 5);
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('report PDF: column fitting', () => {
  it('wraps only at spaces, keeping every word whole even when it is wider than the line', () => {
    assert.deepEqual(wrapWords('Aandeel nieuw (nieuw signaal)', 55, (s) => s.length * 5), ['Aandeel', 'nieuw', '(nieuw', 'signaal)']);
    assert.deepEqual(wrapWords('€ 300–1.000', 30, (s) => s.length * 5), ['€', '300–1.000']);
    assert.deepEqual(wrapWords('Geaccepteerd', 10, (s) => s.length * 5), ['Geaccepteerd']);
  });

  it('gives every column at least its longest word, fills the width, or gives up', () => {
    const grid: PdfGrid = { head: ['Totaal', 'Al bekend via standaardsignalen', 'Nieuw'], rows: [['totaal', '1.234', '56']], numeric: [false, true, true] };
    const widths = fitColumns(grid, measure, 300, 3)!;
    assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - 300) < 1e-6);
    assert.ok(widths[1]! >= measure('standaardsignalen ', true) + 6, 'the longest header word fits its column');
    assert.equal(fitColumns(grid, measure, 100, 3), null);
  });

  it('turns a wide one-row table, and splits a wide many-row table into parts that repeat the row headers', () => {
    const head = ['Gemeente', ...Array.from({ length: 9 }, (_, i) => `Kolomkop${i} nummer`)];
    const one: PdfGrid = { head, rows: [['totaal', ...head.slice(1).map(() => '12')]], numeric: head.map((_, i) => i > 0) };
    const [turned, ...rest] = planTable(one, measure, 300, 3, 'Kengetal');
    assert.equal(rest.length, 0);
    assert.deepEqual(turned!.grid.head, ['Kengetal', 'totaal']);
    assert.deepEqual(turned!.grid.rows.map((r) => r[0]), head.slice(1));

    const many: PdfGrid = { head, rows: Array.from({ length: 40 }, (_, g) => [`GM${g}`, ...head.slice(1).map(() => '12')]), numeric: one.numeric };
    const parts = planTable(many, measure, 300, 3, 'Kengetal');
    assert.ok(parts.length > 1);
    assert.deepEqual(parts.flatMap((p) => p.grid.head.slice(1)), head.slice(1), 'every column once, in order');
    for (const p of parts) {
      assert.equal(p.grid.head[0], 'Gemeente');
      assert.deepEqual(p.grid.rows.map((r) => r[0]), many.rows.map((r) => r[0]));
      assert.ok(p.widths.reduce((a, b) => a + b, 0) <= 300 + 1e-6);
    }
  });
});

function catalogOf(objects: Map<number, PdfObject>): string {
  return [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!.dict;
}
const refTo = (objects: Map<number, PdfObject>, dict: string, key: string) => objects.get(Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]))?.dict ?? '';

for (const lang of ['nl', 'en'] as const) {
  describe(`report PDF (${lang}): tagged for assistive technology, readable on A4`, () => {
    const report = articleReportFixture();
    const rendered = renderReportPdf(report, lang).then((pdf) => ({ pdf, objects: pdfObjects(pdf) }));
    const m = reportMessages(lang);

    // The README's picture of a report page (SCREENSHOTS=1, as the browser tests; needs pdftoppm from poppler-utils).
    after(async () => {
      if (process.env.SCREENSHOTS !== '1' || lang !== 'nl') return;
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'report-pdf-')), 'report.pdf');
      await writeFile(file, (await rendered).pdf);
      await promisify(execFile)('pdftoppm', ['-r', '100', '-png', '-f', '2', '-l', '2', '-singlefile', file, 'docs/screenshots/report-pdf']);
    });

    it('declares itself tagged, with its language and a title the viewer shows', async () => {
      const { pdf, objects } = await rendered;
      assert.match(pdf.subarray(0, 8).toString('latin1'), /^%PDF-1\.7/);
      const catalog = catalogOf(objects);
      assert.match(refTo(objects, catalog, 'MarkInfo'), /\/Marked true/);
      assert.match(refTo(objects, catalog, 'StructTreeRoot'), /\/Type \/StructTreeRoot/);
      assert.equal(stringEntry(catalog, 'Lang'), lang === 'nl' ? 'nl-NL' : 'en-GB');
      assert.match(refTo(objects, catalog, 'ViewerPreferences'), /\/DisplayDocTitle true/);
      const trailer = pdf.toString('latin1').slice(pdf.toString('latin1').lastIndexOf('trailer'));
      // pdfkit writes the Info entries as objects of their own
      const title = objects.get(Number(/\/Title (\d+) 0 R/.exec(refTo(objects, trailer, 'Info'))?.[1]))?.dict.trim() ?? '';
      assert.equal(decodePdfString(title), `${m('title')} – ${textIn(report.subject.name, lang)}`);
    });

    it('has one Document with headings H1–H3, tables of TH (with scope) and TD, and charts as Figures with their figures in the Alt', async () => {
      const { objects } = await rendered;
      const elements = structElements(objects);
      const types = new Set(elements.map((e) => e.type));
      for (const t of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD', 'Figure']) assert.ok(types.has(t), `a ${t} element`);
      assert.equal(elements.filter((e) => e.type === 'H1').length, 1);
      assert.match(refTo(objects, catalogOf(objects), 'StructTreeRoot'), /\/K \[\d+ 0 R\]/, 'a single root element');
      const headers = elements.filter((e) => e.type === 'TH');
      assert.ok(headers.every((h) => /\/Scope \/(Column|Row)/.test(h.dict)), 'every header cell says what it heads');
      assert.ok(headers.some((h) => /\/Scope \/Column/.test(h.dict)) && headers.some((h) => /\/Scope \/Row/.test(h.dict)));
      const funnel = report.tables.find((t) => t.key === 'funnel')!;
      const alts = elements.filter((e) => e.type === 'Figure').map((e) => stringEntry(e.dict, 'Alt') ?? '');
      assert.ok(alts.length >= 2 && alts.every((a) => a.length > 20));
      const funnelAlt = alts.find((a) => a.includes(textIn(funnel.title, lang)));
      assert.ok(funnelAlt, 'the funnel chart is described');
      for (const key of ['cases', 'reached', 'helpAccepted']) {
        const c = funnel.columns.find((col) => col.key === key)!;
        assert.ok(funnelAlt.includes(`${textIn(c.label, lang)} ${formatCell(funnel.rows[0]![key] ?? null, c, lang)}`), `the Alt gives ${key} with its number`);
      }
    });

    it('leaves nothing untagged: all content is in the structure or an artifact, in reading order', async () => {
      const { objects } = await rendered;
      assert.deepEqual(untaggedText(objects), []);
      const headings = markedRuns(objects).filter((r) => /^H[1-3]$/.test(r.tag)).map((r) => r.lines.join('').trim());
      const sections = reportSections(report).map((s) => pdfText(textIn(s.heading, lang)));
      const order = [m('title'), ...sections, m('sectionArms'), m('sectionCosts'), m('sectionMunicipalities'), m('sectionPrivacy')].map(pdfText);
      const at = order.map((h) => headings.indexOf(h));
      assert.ok(at.every((i) => i >= 0), `every section heading is tagged: ${JSON.stringify(order.filter((_, i) => at[i]! < 0))}`);
      assert.deepEqual([...at].sort((a, b) => a - b), at, 'headings in the order of the report');
    });

    it('breaks no header cell, heading or running footer inside a word', async () => {
      const { objects } = await rendered;
      const runs = markedRuns(objects);
      // What may stand in a header cell: a column label, a row's group, a measure (turned table), a cost line.
      const all = [...report.tables, ...report.byMunicipality];
      const cellTexts = new Set(
        [
          ...all.flatMap((t) => [...t.columns.map((c) => textIn(c.label, lang)), ...t.rows.map((r) => String(r.group))]),
          pdfMessages(lang)('measure'),
          ...[m('costLine'), m('quantity'), m('unit'), m('amount')],
          ...report.costs.lines.map((l) => textIn(l.label, lang)),
        ].map(pdfText),
      );
      const headerCells = runs.filter((r) => r.tag === 'TH');
      assert.ok(headerCells.length > 20);
      for (const th of headerCells) {
        // Lines joined at a space give the label back only if every break was between whole words.
        const text = th.lines.map((l) => l.trim()).join(' ');
        assert.ok(cellTexts.has(text), `header cell broken or unknown: ${JSON.stringify(th.lines)}`);
      }
      for (const h of runs.filter((r) => /^H[1-3]$/.test(r.tag)))
        h.lines.slice(0, -1).forEach((line) => assert.match(line, /[\s\-–]$/, `heading line ends inside a word: ${JSON.stringify(h.lines)}`));
      const pagePattern = new RegExp(`^${pdfMessages(lang)('page', { n: '\\d+', of: '\\d+' })}$`);
      const artifacts = runs.filter((r) => r.tag === 'Artifact' && r.lines.length > 0);
      const footers = artifacts.filter((r) => r.lines.some((l) => pagePattern.test(l)));
      assert.ok(footers.length >= 2);
      for (const f of footers) {
        assert.equal(f.lines.length, 2, 'the report name and the page number, each on one line');
        const name = pdfText(`${m('title')} – ${textIn(report.subject.name, lang)}`);
        assert.ok(f.lines[0] === name || (f.lines[0]!.endsWith(' ...') && words(name).join(' ').startsWith(f.lines[0]!.slice(0, -4))), f.lines[0]);
      }
      // The rest of the page furniture: a table's header row repeated on a continuation page.
      for (const a of artifacts.filter((r) => !footers.includes(r))) assert.ok(cellTexts.has(a.lines.map((l) => l.trim()).join(' ')), `repeated header cell: ${JSON.stringify(a.lines)}`);
    });

    it('makes every table column at least as wide as its longest word in the real fonts', () => {
      const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side } });
      registerFonts(doc);
      const width = tableMeasure(doc);
      for (const t of [...report.tables, ...report.byMunicipality]) {
        const grid: PdfGrid = { head: t.columns.map((c) => textIn(c.label, lang)), rows: t.rows.map((r) => t.columns.map((c) => formatCell(r[c.key] ?? null, c, lang))), numeric: t.columns.map((c) => c.type !== 'dimension') };
        for (const p of placeTable(doc, grid, pdfMessages(lang)('measure'))) {
          assert.ok(p.widths.reduce((a, b) => a + b, 0) <= doc.page.width - 2 * MARGIN.side + 1e-6, `${t.key} fits between the margins`);
          // Bold in the header row and the row-header column, as drawn.
          p.grid.head.forEach((h, j) => {
            for (const [i, cell] of [h, ...p.grid.rows.map((r) => r[j]!)].entries())
              for (const w of words(pdfText(cell))) assert.ok(width(w, i === 0 || j === 0) <= p.widths[j]! - 6, `${t.key}: '${w}' fits its column`);
          });
        }
      }
      doc.end();
    });

    it('is A4 with body text of at least 9 pt', async () => {
      const { objects } = await rendered;
      const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
      assert.ok(pages.length >= 2);
      for (const p of pages) assert.match(p.dict, /\/MediaBox \[0 0 595\.28 841\.89\]/);
      const sizes = [...objects.values()].flatMap((o) => (o.stream ? [...o.stream.toString('latin1').matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((x) => Number(x[1])) : []));
      assert.ok(sizes.length > 0);
      assert.ok(Math.min(...sizes) >= 9, `smallest font ${Math.min(...sizes)} pt`);
    });
  });
}
