import type { Refusal } from '../../domain/rules/judgement.ts';
import { csvFieldsToSignal, type ColumnIndex } from '../../domain/signals/csv-columns.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { CsvSyntaxError, forEachCsvRecord } from './csv-chunk.ts';
import { MAX_RECORD_BYTES, type BatchFormat } from './file-chunks.ts';

/** One data row of a chunk, numbered from 0 within it: a signal to judge, or a row that could not be read as one. */
export type ChunkRow = { index: number; signal: SignalInput } | { index: number; reference: string; unreadable: Refusal };

/** How a file's rows are read: the format, and for CSV the header's columns. */
export interface RowLayout {
  format: BatchFormat;
  header: readonly string[];
  columns: ColumnIndex;
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
  try {
    const lines = forEachCsvRecord(
      text,
      (fields) => {
        if (fields.length !== width) onRow({ index: index++, reference: fields[refAt] ?? '', unreadable: fieldCount(fields.length, width) });
        else onRow({ index: index++, signal: csvFieldsToSignal(fields, layout.columns) });
      },
      { maxRecordChars: MAX_RECORD_BYTES },
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
