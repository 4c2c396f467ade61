import { inflateSync } from 'node:zlib';

/**
 * The text a pdfkit PDF shows, in drawing order: its Flate content streams inflated and the
 * strings of every TJ/Tj operator decoded (WinAnsi as Latin-1). Enough to check what a generated
 * PDF says; not a general PDF parser.
 */
export function pdfTextOf(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of body.matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F]*>|\((?:[^)\\]|\\.)*\))\s*Tj/g)) {
      const parts = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)] : [[op[2]!, ...(op[2]!.startsWith('<') ? [op[2]!.slice(1, -1)] : [undefined, op[2]!.slice(1, -1)])]];
      out.push(parts.map((p) => (p[1] !== undefined ? Buffer.from(p[1], 'hex').toString('latin1') : (p[2] ?? '').replace(/\\(.)/g, '$1'))).join(''));
    }
    re.lastIndex = end;
  }
  return out.join('\n');
}
