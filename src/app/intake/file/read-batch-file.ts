import type { Readable } from 'node:stream';
import type { Refusal } from '../../../domain/rules/judgement.ts';
import type { SignalInput } from '../../../domain/signals/signal.ts';
import { decodeRows, forEachChunkRow, rowLayout, type ChunkRow, type RowLayout } from './chunk-rows.ts';
import { fileChunks, type BatchFormat, type CsvFileFormat, type TextEncoding } from './file-chunks.ts';
import { fileRefusals } from './file-refused.ts';
import { checkSignalShape } from '../../validation/signal-validator.ts';

export { FileRefused, type FileRefusal } from './file-refused.ts';
export type { BatchFormat } from './file-chunks.ts';

/** One data row of a file: either a signal to judge, or a row that could not be read as one. */
export type FileRow =
  | { rowNo: number; signal: SignalInput; bytes: number }
  | { rowNo: number; reference: string; unreadable: Refusal; bytes: number };

/** How a file was read, as far as it was: separator, byte order mark, encoding and notation. */
export interface FileReading {
  format: BatchFormat;
  delimiter: CsvFileFormat['delimiter'] | null;
  byteOrderMark: boolean;
  encoding: TextEncoding;
  /** 'nl': decimal commas and d-m-jjjj dates (a file separated by ';'). */
  notation: 'standard' | 'nl';
}

/** What a file's chunks showed so far; a chunk that needed Windows-1252 makes the file Windows-1252. */
export function noteReading(current: FileReading, layout: RowLayout, encoding: TextEncoding): FileReading {
  return {
    format: layout.format,
    delimiter: layout.file?.delimiter ?? null,
    byteOrderMark: layout.file?.byteOrderMark === true,
    encoding: current.encoding === 'windows-1252' ? current.encoding : encoding,
    notation: layout.file?.delimiter === ';' ? 'nl' : 'standard',
  };
}

export const UNREAD = (format: BatchFormat): FileReading => ({ format, delimiter: format === 'csv' ? ',' : null, byteOrderMark: false, encoding: 'utf-8', notation: 'standard' });

/**
 * Streams the rows of a batch file in this thread, numbered 1… in file order (the dry run and the
 * `check` command; intake reads the same chunks in worker threads). Memory stays flat whatever
 * the file size: the bytes are read chunk by chunk and rows handed out one chunk at a time.
 * `onReading` hears how the file is written once each chunk is read.
 */
export async function* readBatchFile(source: Readable, format: BatchFormat, maxBytes: number, onReading?: (r: FileReading) => void): AsyncGenerator<FileRow> {
  let layout: RowLayout = rowLayout(format);
  let reading = UNREAD(format);
  let rowNo = 0;
  let lineNo = format === 'csv' ? 1 : 0;
  for await (const chunk of fileChunks(source, format, maxBytes, (header, file) => (layout = rowLayout(format, header, file)))) {
    const rows: ChunkRow[] = [];
    const decoded = decodeRows(chunk.bytes, chunk.offset, layout);
    reading = noteReading(reading, layout, decoded.encoding);
    onReading?.(reading);
    const read = forEachChunkRow(decoded.text, layout, (r) => rows.push(r), checkSignalShape);
    for (const r of rows) {
      const n = ++rowNo;
      yield 'signal' in r ? { rowNo: n, signal: r.signal, bytes: chunk.end } : { rowNo: n, reference: r.reference, unreadable: r.unreadable, bytes: chunk.end };
    }
    if (read.syntax) throw fileRefusals.notCsv(lineNo + read.syntax.line, read.syntax.code);
    lineNo += read.lines;
  }
}
