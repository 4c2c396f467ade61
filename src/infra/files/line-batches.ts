import { createReadStream } from 'node:fs';

export interface LineBatch {
  /** The lines, without their line break. */
  lines: string[];
  /** Byte offset just after the batch's last line: where to continue reading. */
  endByte: number;
}

/**
 * Reads a text file from a byte offset in batches of whole lines, in constant memory. Bytes are
 * read as Latin-1, which maps each byte to one character: right for ASCII files (the address
 * table), and byte offsets stay exact for resuming. A last line without a line break counts.
 */
export async function* lineBatches(path: string, opts: { start: number; linesPerBatch: number }): AsyncGenerator<LineBatch> {
  let carry = '';
  let lines: string[] = [];
  let consumed = opts.start;
  for await (const chunk of createReadStream(path, { start: opts.start, highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as Buffer).toString('latin1');
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      lines.push(text.slice(from, nl));
      consumed += nl + 1 - from;
      from = nl + 1;
      if (lines.length === opts.linesPerBatch) {
        yield { lines, endByte: consumed };
        lines = [];
      }
    }
    carry = text.slice(from);
  }
  if (carry.length > 0) {
    lines.push(carry);
    consumed += carry.length;
  }
  if (lines.length > 0) yield { lines, endByte: consumed };
}

/** The file's first line (its header) and the byte offset after it. */
export async function firstLine(path: string): Promise<{ line: string; endByte: number } | undefined> {
  for await (const batch of lineBatches(path, { start: 0, linesPerBatch: 1 })) return { line: batch.lines[0]!, endByte: batch.endByte };
  return undefined;
}
