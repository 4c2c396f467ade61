/**
 * The drawing primitives of the report's tagged PDF: every mark on a page is either inside a
 * structure element (so assistive technology reads it, in the order it is added) or an artifact
 * (rules, backgrounds, page furniture), never loose — untagged content breaks PDF/UA.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

// The embedded font's Latin subset has no arrows or comparison signs; those are spelled out.
export const pdfText = (s: string) => s.replace(/→/g, '->').replace(/≥/g, '>=').replace(/≤/g, '<=').replace(/−/g, '-').replace(/…/g, '...');

/**
 * Noto Sans, embedded (PDF/UA does not allow relying on a reader's own fonts) and subset by pdfkit
 * to the glyphs used. WOFF, not WOFF2: fontkit cannot subset the latter's composite glyphs.
 */
export const FONT = { regular: 'Body', bold: 'Body-Bold', italic: 'Body-Italic' } as const;
const FONT_FILES: Record<(typeof FONT)[keyof typeof FONT], string> = {
  [FONT.regular]: 'noto-sans-latin-400-normal.woff',
  [FONT.bold]: 'noto-sans-latin-700-normal.woff',
  [FONT.italic]: 'noto-sans-latin-400-italic.woff',
};
let fontData: Array<[string, Buffer]> | undefined;

/** Registers the report's fonts with a new document (the files are read once per process). */
export function registerFonts(doc: Doc): void {
  const require = createRequire(import.meta.url);
  fontData ??= Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(require.resolve(`@fontsource/noto-sans/files/${file}`))]);
  for (const [name, data] of fontData) doc.registerFont(name, data);
  doc.font(FONT.regular);
}
/** Sizes in points; nothing a reader needs is below 9 pt on A4. */
export const SIZE = { h1: 18, h2: 13.5, h3: 11, body: 10, small: 9, table: 9 } as const;
export const MARGIN = { top: 56, side: 56, bottom: 64 } as const;
export const INK = { text: '#1a1a1a', accent: '#154273', rule: '#8c8c8c', headFill: '#e8eef5', warning: '#8a4500', muted: '#444444' } as const;

/** pdfkit's typings lack the table attributes (Scope) and layout box (BBox) its structure elements take. */
interface StructOptions {
  alt?: string;
  lang?: string;
  scope?: 'Row' | 'Column' | 'Both';
  bbox?: [number, number, number, number];
}
const opts = (o: StructOptions) => o as unknown as PDFKit.Mixins.StructureElementOptions;

/** A structure element whose content is drawn by `draw` now, as the next child of `parent`. */
export function tagged(doc: Doc, parent: Struct, type: string, draw: () => void, o: StructOptions = {}): void {
  parent.add(doc.struct(type, opts(o), [draw]));
}

/** An empty structure element added to `parent`, for children to be added to it. */
export function group(doc: Doc, parent: Struct, type: string, o: StructOptions = {}): Struct {
  const s = doc.struct(type, opts(o));
  parent.add(s);
  return s;
}

export function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

export const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN.side;
export const pageBottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page when fewer than `needed` points are left, so a heading stays with what follows. */
export function keepSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > pageBottom(doc)) doc.addPage();
}

/** A paragraph (or heading: `type` H1–H3) in the body column. */
export function paragraph(doc: Doc, parent: Struct, text: string, o: { type?: string; font?: string; size?: number; color?: string; gapAfter?: number } = {}): void {
  const size = o.size ?? SIZE.body;
  doc.font(o.font ?? FONT.regular).fontSize(size);
  const width = contentWidth(doc);
  // At least two lines of a paragraph on the page; pdfkit carries the rest over, tags and all.
  keepSpace(doc, Math.min(doc.heightOfString(pdfText(text), { width }), 2.4 * size));
  tagged(doc, parent, o.type ?? 'P', () => {
    doc.fillColor(o.color ?? INK.text).text(pdfText(text), MARGIN.side, doc.y, { width });
  });
  doc.fillColor(INK.text);
  doc.y += o.gapAfter ?? size * 0.4;
}

const HEADING = { H1: SIZE.h1, H2: SIZE.h2, H3: SIZE.h3 } as const;

/** A heading, kept on the page with at least `keepWith` points of what follows it. */
export function heading(doc: Doc, parent: Struct, level: keyof typeof HEADING, text: string, keepWith = 60): void {
  const size = HEADING[level];
  doc.font(FONT.bold).fontSize(size);
  const h = doc.heightOfString(pdfText(text), { width: contentWidth(doc) });
  if (level !== 'H1') doc.y += size * 0.8;
  keepSpace(doc, h + keepWith);
  paragraph(doc, parent, text, { type: level, font: FONT.bold, size, color: level === 'H3' ? INK.text : INK.accent, gapAfter: size * 0.35 });
}
