import { inflateSync } from 'node:zlib';

/**
 * A small reader of the PDFs pdfkit writes (no object streams, Flate content streams, embedded
 * fonts with a ToUnicode map, or standard fonts in WinAnsi): enough to check a tagged PDF's
 * catalog, structure elements and what text each marked-content sequence shows. Not a general
 * PDF parser.
 */

export interface PdfObject {
  num: number;
  dict: string;
  stream: Buffer | null;
}

export function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = re.lastIndex;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && /^stream\r?\n/.test(body.slice(s))) {
      dict = body.slice(0, s);
      const dataStart = start + s + (body.slice(s).startsWith('stream\r\n') ? 8 : 7);
      const dataEnd = text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd).subarray(0, Number(/\/Length (\d+)/.exec(dict)?.[1] ?? dataEnd - dataStart));
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { num: Number(m[1]), dict, stream });
    re.lastIndex = end;
  }
  return out;
}

// WinAnsi bytes 0x80–0x9F that differ from Latin-1 (the ones the report uses).
const WIN_ANSI: Record<number, string> = { 0x80: '€', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x85: '…' };
const winAnsi = (bytes: number[]) => bytes.map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join('');

/** A PDF string's text: a literal `(...)` (with escapes, UTF-16BE when it starts with a BOM) or `<hex>`. */
export function decodePdfString(s: string): string {
  let bytes: number[];
  if (s.startsWith('<')) {
    const hex = s.slice(1, -1).replace(/\s/g, '');
    bytes = hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? [];
  } else {
    bytes = [];
    const body = s.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const n = body[++i]!;
      const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (n in esc) bytes.push(esc[n]!);
      else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
        bytes.push(parseInt(oct, 8));
      }
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return winAnsi(bytes);
}

/** The value of a string entry (`/Alt (...)`) in a dictionary's text, decoded. */
export function stringEntry(dict: string, key: string): string | null {
  const at = dict.indexOf(`/${key} `);
  if (at < 0) return null;
  let i = at + key.length + 2;
  while (dict[i] === ' ') i++;
  if (dict[i] === '<') return decodePdfString(dict.slice(i, dict.indexOf('>', i) + 1));
  let depth = 0;
  for (let j = i; j < dict.length; j++) {
    if (dict[j] === '\\') {
      j++;
      continue;
    }
    if (dict[j] === '(') depth++;
    if (dict[j] === ')' && --depth === 0) return decodePdfString(dict.slice(i, j + 1));
  }
  return null;
}

export interface StructElement {
  type: string;
  dict: string;
}

/** Every structure element (a dictionary with /S and a parent /P), in object order. */
export function structElements(objects: Map<number, PdfObject>): StructElement[] {
  return [...objects.values()]
    .filter((o) => /\/S \/\w+/.test(o.dict) && /\/P \d+ 0 R/.test(o.dict))
    .map((o) => ({ type: /\/S \/(\w+)/.exec(o.dict)![1]!, dict: o.dict }));
}

export interface MarkedRun {
  /** The tag of the marked-content sequence (H1, TH, Artifact, …). */
  tag: string;
  /** Its lines of text, one per text-showing operator, in content order. */
  lines: string[];
}

type CodeMap = Map<number, string>;

/** A ToUnicode CMap as pdfkit writes it: `<start> <end> [<utf16> ...]` ranges. */
function toUnicode(cmap: string): CodeMap {
  const map: CodeMap = new Map();
  for (const r of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*\[([^\]]*)\]/g)) {
    const start = parseInt(r[1]!, 16);
    [...r[2]!.matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((e, i) => map.set(start + i, String.fromCharCode(...e[1]!.split(' ').map((h) => parseInt(h, 16)))));
  }
  return map;
}

/** A page's fonts by resource name: the ToUnicode map of an embedded font, null for a WinAnsi one. */
function pageFonts(objects: Map<number, PdfObject>, page: PdfObject): Map<string, CodeMap | null> {
  const resources = objects.get(Number(/\/Resources (\d+) 0 R/.exec(page.dict)?.[1]))?.dict ?? page.dict;
  const fonts = new Map<string, CodeMap | null>();
  const fontDict = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
  for (const f of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const uni = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(f[2]))?.dict ?? '');
    const stream = uni ? objects.get(Number(uni[1]))?.stream : null;
    fonts.set(f[1]!, stream ? toUnicode(stream.toString('latin1')) : null);
  }
  return fonts;
}

function showText(s: string, font: CodeMap | null): string {
  if (!font || !s.startsWith('<')) return decodePdfString(s);
  const hex = s.slice(1, -1).replace(/\s/g, '');
  return (hex.match(/..../g) ?? []).map((h) => font.get(parseInt(h, 16)) ?? '\ufffd').join('');
}

/** The marked-content sequences of every page content stream, with the text lines each shows. */
export function markedRuns(objects: Map<number, PdfObject>): MarkedRun[] {
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  const runs: MarkedRun[] = [];
  for (const page of pages) {
    const refs = /\/Contents (\d+) 0 R/.exec(page.dict);
    const content = refs ? objects.get(Number(refs[1]))?.stream : null;
    if (!content) continue;
    const fonts = pageFonts(objects, page);
    let font: CodeMap | null = null;
    const ops = content.toString('latin1');
    const stack: MarkedRun[] = [];
    const token = /\/(\w+)\s*(?:<<[^>]*>>\s*)?BDC|\/(\w+)\s+BMC|\bEMC\b|\/(\w+) [\d.]+ Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|(\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>)\s*Tj/g;
    let t: RegExpExecArray | null;
    while ((t = token.exec(ops))) {
      if (t[1] || t[2]) stack.push({ tag: (t[1] ?? t[2])!, lines: [] });
      else if (t[0] === 'EMC') {
        const done = stack.pop();
        if (done) runs.push(done);
      } else if (t[3]) font = fonts.get(t[3]) ?? null;
      else {
        const strings = t[4] !== undefined ? (t[4].match(/\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>/g) ?? []) : [t[5]!];
        stack.at(-1)?.lines.push(strings.map((x) => showText(x, font)).join(''));
      }
    }
  }
  return runs;
}

/** Text shown outside any marked-content sequence (untagged content). */
export function untaggedText(objects: Map<number, PdfObject>): string[] {
  const found: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const refs = /\/Contents (\d+) 0 R/.exec(page.dict);
    const ops = (refs ? objects.get(Number(refs[1]))?.stream : null)?.toString('latin1') ?? '';
    let depth = 0;
    const token = /\bBDC\b|\bBMC\b|\bEMC\b|\bTJ\b|\bTj\b|\bre\b|\bl\b/g;
    let t: RegExpExecArray | null;
    while ((t = token.exec(ops))) {
      if (t[0] === 'BDC' || t[0] === 'BMC') depth++;
      else if (t[0] === 'EMC') depth--;
      else if (depth === 0) found.push(t[0]);
    }
  }
  return found;
}

/** Every text line the pages show, in drawing order, tagged or not (embedded fonts read through their ToUnicode map). */
export function shownText(objects: Map<number, PdfObject>): string[] {
  const lines: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const refs = /\/Contents (\d+) 0 R/.exec(page.dict);
    const content = refs ? objects.get(Number(refs[1]))?.stream : null;
    if (!content) continue;
    const fonts = pageFonts(objects, page);
    let font: CodeMap | null = null;
    const token = /\/(\w+) [\d.]+ Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|(\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>)\s*Tj/g;
    for (const t of content.toString('latin1').matchAll(token)) {
      if (t[1]) font = fonts.get(t[1]) ?? null;
      else {
        const strings = t[2] !== undefined ? (t[2].match(/\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>/g) ?? []) : [t[3]!];
        lines.push(strings.map((x) => showText(x, font)).join(''));
      }
    }
  }
  return lines;
}
