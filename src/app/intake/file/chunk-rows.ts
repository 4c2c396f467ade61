import type { Refusal } from '../../../domain/rules/judgement.ts';
import { columnIndex, csvFieldsToSignal, type ColumnIndex, type CsvDialect } from '../../../domain/signals/csv-columns.ts';
import type { SignalInput } from '../../../domain/signals/signal.ts';
import { CsvSyntaxError, forEachCsvRecord } from '../../../infra/csv/csv-records.ts';
import { decodeText, MAX_RECORD_BYTES, type BatchFormat, type CsvFileFormat, type TextEncoding } from './file-chunks.ts';

/** One data row of a chunk, numbered from 0 within it: a signal to judge, or a row that could not be read as one. */
export type ChunkRow = { index: number; signal: SignalInput } | { index: number; reference: string; unreadable: Refusal };

/** How a file's rows are read: the format, and for CSV the header's columns and how the file is written. */
export interface RowLayout {
  format: BatchFormat;
  header: readonly string[];
  columns: ColumnIndex;
  /** CSV only: separator and byte order mark (file-chunks.ts). */
  file?: CsvFileFormat;
}

/** The layout of a file once its header is read (CSV), or of a JSON Lines file (no header). */
export function rowLayout(format: BatchFormat, header: readonly string[] = [], file?: CsvFileFormat): RowLayout {
  return { format, header, columns: columnIndex(header), ...(file === undefined ? {} : { file }) };
}

/** The notation of a CSV file: a file separated by ';' is Dutch Excel's, with decimal commas and d-m-jjjj dates. */
function dialectOf(layout: RowLayout): CsvDialect {
  return layout.file?.delimiter === ';' ? 'nl' : 'standard';
}

/** A chunk's text: a CSV file without a byte order mark may be Windows-1252 (decodeText); the rest is UTF-8. */
export function decodeRows(bytes: Uint8Array, offset: number, layout: RowLayout): { text: string; encoding: TextEncoding } {
  return decodeText(bytes, offset, layout.format === 'csv' && layout.file?.byteOrderMark !== true);
}

/** The JSON Schema check of a JSON Lines row (signal-validator.ts); passed in, so a thread reading CSV never loads ajv. */
export type ShapeCheck = (value: unknown) => Refusal | undefined;

export interface ChunkRowsRead {
  rows: number;
  lines: number;
  /** Broken CSV quoting from this line (within the chunk) on; the rows before it were read. */
  syntax?: { line: number; code: string };
}

const notJson: Refusal = { code: 'ROW_NOT_JSON', inputError: true, message: { nl: 'De regel is geen geldige JSON.', en: 'The line is not valid JSON.' } };

function fieldCount(got: number, want: number): Refusal {
  return {
    code: 'ROW_FIELD_COUNT',
    inputError: true,
    message: { nl: `De regel heeft ${got} velden, de kopregel ${want}.`, en: `The row has ${got} fields, the header ${want}.` },
  };
}

function readCsv(text: string, layout: RowLayout, onRow: (row: ChunkRow) => void): ChunkRowsRead {
  let index = 0;
  const refAt = layout.columns.reference ?? -1;
  const width = layout.header.length;
  const dialect = dialectOf(layout);
  try {
    const lines = forEachCsvRecord(
      text,
      (fields) => {
        if (fields.length !== width) onRow({ index: index++, reference: fields[refAt] ?? '', unreadable: fieldCount(fields.length, width) });
        else onRow({ index: index++, signal: csvFieldsToSignal(fields, layout.columns, dialect) });
      },
      { maxRecordChars: MAX_RECORD_BYTES, delimiter: layout.file?.delimiter ?? ',' },
    );
    return { rows: index, lines };
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    return { rows: index, lines: e.line, syntax: { line: e.line, code: e.code } };
  }
}

function readJsonLines(text: string, checkSignalShape: ShapeCheck, onRow: (row: ChunkRow) => void): ChunkRowsRead {
  let index = 0;
  let lines = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end);
    pos = end + 1;
    lines++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      onRow({ index: index++, reference: '', unreadable: notJson });
      continue;
    }
    const problem = checkSignalShape(value);
    if (problem) {
      const ref = typeof (value as { reference?: unknown })?.reference === 'string' ? (value as { reference: string }).reference : '';
      onRow({ index: index++, reference: ref, unreadable: problem });
      continue;
    }
    onRow({ index: index++, signal: value as SignalInput });
  }
  return { rows: index, lines };
}

/**
 * Reads the rows of one chunk of a batch file (decoded text of whole records), in order. The same
 * reader serves intake (in worker threads), the dry run and the `check` command, so they can
 * never read a file differently.
 */
export function forEachChunkRow(text: string, layout: RowLayout, onRow: (row: ChunkRow) => void, checkShape?: ShapeCheck): ChunkRowsRead {
  if (layout.format === 'csv') return readCsv(text, layout, onRow);
  if (!checkShape) throw new Error('reading JSON Lines needs the signal shape check');
  return readJsonLines(text, checkShape, onRow);
}
