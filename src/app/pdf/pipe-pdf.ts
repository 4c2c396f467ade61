import type { Writable } from 'node:stream';

/**
 * Pipes a PDF document into `out`; the promise settles when `out` has taken the whole file (or was
 * closed), and fails on an error of either side.
 */
export function pipePdf(doc: PDFKit.PDFDocument, out: Writable): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  return finished;
}
