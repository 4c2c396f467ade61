import { createReadStream } from 'node:fs';

/** A file's first line (its header, without the line break) and the byte offset after it; undefined for an empty file. */
export async function firstLine(path: string): Promise<{ line: string; endByte: number } | undefined> {
  const parts: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 64 << 10 })) {
    parts.push(chunk as Buffer);
    const all = Buffer.concat(parts);
    const nl = all.indexOf(10);
    if (nl !== -1) return { line: all.toString('latin1', 0, nl).replace(/\r$/, ''), endByte: nl + 1 };
  }
  const all = Buffer.concat(parts);
  return all.length === 0 ? undefined : { line: all.toString('latin1'), endByte: all.length };
}
