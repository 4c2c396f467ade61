import type { Readable } from 'node:stream';
import type { Refusal } from '../../domain/rules/judgement.ts';
import { columnIndex } from '../../domain/signals/csv-columns.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { forEachChunkRow, type ChunkRow, type RowLayout } from './chunk-rows.ts';
import { decodeChunk, fileChunks, type BatchFormat } from './file-chunks.ts';
import { fileRefusals } from './file-refused.ts';
import { checkSignalShape } from '../validation/signal-validator.ts';

export { FileRefused } from './file-refused.ts';
export type { BatchFormat } from './file-chunks.ts';

/** One data row of a file: either a signal to judge, or a row that could not be read as one. */
export type FileRow =
  | { rowNo: number; signal: SignalInput; bytes: number }
  | { rowNo: number; reference: string; unreadable: Refusal; bytes: number };

/**
 * Streams the rows of a batch file in this thread, numbered 1… in file order (the dry run and the
 * `check` command; intake reads the same chunks in worker threads). Memory stays flat whatever
 * the file size: the bytes are read chunk by chunk and rows handed out one chunk at a time.
 */
export async function* readBatchFile(source: Readable, format: BatchFormat, maxBytes: number): AsyncGenerator<FileRow> {
  let layout: RowLayout = { format, header: [], columns: {} };
  let rowNo = 0;
  let lineNo = format === 'csv' ? 1 : 0;
  for await (const chunk of fileChunks(source, format, maxBytes, (header) => (layout = { format, header, columns: columnIndex(header) }))) {
    const rows: ChunkRow[] = [];
    const read = forEachChunkRow(decodeChunk(chunk.bytes, chunk.offset), layout, (r) => rows.push(r), checkSignalShape);
    for (const r of rows) {
      const n = ++rowNo;
      yield 'signal' in r ? { rowNo: n, signal: r.signal, bytes: chunk.end } : { rowNo: n, reference: r.reference, unreadable: r.unreadable, bytes: chunk.end };
    }
    if (read.syntax) throw fileRefusals.notCsv(lineNo + read.syntax.line, read.syntax.code);
    lineNo += read.lines;
  }
}
