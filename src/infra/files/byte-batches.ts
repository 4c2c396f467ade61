import { createReadStream } from 'node:fs';

export interface ByteBatch {
  /** Whole lines, each ending in a line break (the file's last line may lack one). */
  bytes: Buffer;
  /** Byte offset just after the batch: where to continue reading. */
  endByte: number;
}

/**
 * Reads a file from a byte offset in batches of whole lines of about `bytesPerBatch`, as bytes: no
 * string per line, constant memory, and the offsets stay exact for resuming.
 */
export async function* byteBatches(path: string, opts: { start: number; bytesPerBatch: number }): AsyncGenerator<ByteBatch> {
  let parts: Buffer[] = [];
  let held = 0;
  let offset = opts.start;
  for await (const chunk of createReadStream(path, { start: opts.start, highWaterMark: 1 << 20 })) {
    parts.push(chunk as Buffer);
    held += (chunk as Buffer).length;
    if (held < opts.bytesPerBatch) continue;
    const all = Buffer.concat(parts, held);
    const cut = all.lastIndexOf(10) + 1;
    if (cut === 0) continue;
    yield { bytes: all.subarray(0, cut), endByte: (offset += cut) };
    parts = cut < all.length ? [all.subarray(cut)] : [];
    held = all.length - cut;
  }
  if (held > 0) yield { bytes: Buffer.concat(parts, held), endByte: offset + held };
}
