import { Transform, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { Refusal } from '../../domain/rules/judgement.ts';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, csvRecordToSignal, type CsvRecord } from '../../domain/signals/csv-columns.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';
import { checkSignalShape } from '../validation/signal-validator.ts';

export type BatchFormat = 'csv' | 'jsonl';

/** One data row of a file: either a signal to judge, or a row that could not be read as one. */
export type FileRow =
  | { rowNo: number; signal: SignalInput; bytes: number }
  | { rowNo: number; reference: string; unreadable: Refusal; bytes: number };

/** A problem with the file as a whole; rows before it were still processed. */
export class FileRefused extends Error {
  constructor(
    public readonly code: string,
    public readonly nl: string,
    public readonly en: string,
    public readonly status = 422,
  ) {
    super(en);
  }
}

const KNOWN = new Set<string>(CSV_COLUMNS);

/** Counts bytes, stops at the size limit, and refuses bytes that are not UTF-8. */
class ByteGuard extends Transform {
  bytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  constructor(private readonly maxBytes: number) {
    super({ readableObjectMode: false });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: string) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      cb(
        new FileRefused(
          'FILE_TOO_LARGE',
          `Het bestand is groter dan de toegestane ${this.maxBytes} bytes; splits het op in kleinere bestanden.`,
          `The file is larger than the allowed ${this.maxBytes} bytes; split it into smaller files.`,
          413,
        ),
      );
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      cb(
        new FileRefused(
          'FILE_NOT_UTF8',
          `Het bestand is geen geldige UTF-8-tekst (rond byte ${this.bytes - chunk.length}). Sla het op als "CSV UTF-8".`,
          `The file is not valid UTF-8 text (around byte ${this.bytes - chunk.length}). Save it as "CSV UTF-8".`,
        ),
      );
      return;
    }
    // A NUL character never occurs in a text file, and PostgreSQL cannot store one: refuse the file, not fail the write.
    if (text.includes('\u0000')) {
      cb(new FileRefused('FILE_BINARY', 'Het bestand bevat een NUL-teken: het is geen tekstbestand.', 'The file contains a NUL character: it is not a text file.'));
      return;
    }
    cb(null, text);
  }
  override _flush(cb: (err?: Error | null, data?: string) => void): void {
    try {
      cb(null, this.decoder.decode());
    } catch {
      cb(new FileRefused('FILE_NOT_UTF8', 'Het bestand eindigt midden in een UTF-8-teken.', 'The file ends inside a UTF-8 character.'));
    }
  }
}

function checkHeader(header: string[]): void {
  const cols = header.map((h) => h.trim());
  if (cols.length === 1 && /[;\t|]/.test(cols[0] ?? '')) {
    const sep = (cols[0] ?? '').includes(';') ? ';' : (cols[0] ?? '').includes('\t') ? 'tab' : '|';
    throw new FileRefused(
      'FILE_WRONG_DELIMITER',
      `De kopregel lijkt '${sep}' als scheidingsteken te gebruiken; gebruik een komma (zie de sjabloon).`,
      `The header row seems to use '${sep}' as separator; use a comma (see the template).`,
    );
  }
  const unknown = cols.filter((c) => !KNOWN.has(c));
  if (unknown.length > 0)
    throw new FileRefused(
      'FILE_UNKNOWN_COLUMNS',
      `Onbekende kolom(men): ${unknown.join(', ')}. Toegestaan zijn alleen de kolommen van de sjabloon.`,
      `Unknown column(s): ${unknown.join(', ')}. Only the template's columns are accepted.`,
    );
  const dup = cols.filter((c, i) => cols.indexOf(c) !== i);
  if (dup.length > 0)
    throw new FileRefused('FILE_DUPLICATE_COLUMNS', `Dubbele kolom(men): ${dup.join(', ')}.`, `Duplicate column(s): ${dup.join(', ')}.`);
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !cols.includes(c));
  if (missing.length > 0)
    throw new FileRefused(
      'FILE_MISSING_COLUMNS',
      `Verplichte kolom(men) ontbreken: ${missing.join(', ')}.`,
      `Required column(s) missing: ${missing.join(', ')}.`,
    );
}

async function* readCsv(text: Readable, guard: ByteGuard): AsyncGenerator<FileRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
  // pipe() does not pass errors on; without this a refused byte stream would leave the parser waiting.
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  let header: string[] | undefined;
  let rowNo = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (!header) {
        checkHeader(rec);
        header = rec.map((h) => h.trim());
        continue;
      }
      rowNo++;
      const refIdx = header.indexOf('reference');
      if (rec.length !== header.length) {
        yield {
          rowNo,
          reference: rec[refIdx] ?? '',
          bytes: guard.bytes,
          unreadable: {
            code: 'ROW_FIELD_COUNT',
            inputError: true,
            message: {
              nl: `De regel heeft ${rec.length} velden, de kopregel ${header.length}.`,
              en: `The row has ${rec.length} fields, the header ${header.length}.`,
            },
          },
        };
        continue;
      }
      const record: CsvRecord = {};
      for (let i = 0; i < header.length; i++) record[header[i] as keyof CsvRecord] = rec[i];
      yield { rowNo, signal: csvRecordToSignal(record), bytes: guard.bytes };
    }
  } catch (err) {
    if (err instanceof FileRefused) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    throw new FileRefused(
      'FILE_NOT_CSV',
      `Het bestand is geen geldige CSV (regel ${e.lines ?? '?'}: ${e.code ?? e.message}).`,
      `The file is not valid CSV (line ${e.lines ?? '?'}: ${e.code ?? e.message}).`,
    );
  }
  if (!header)
    throw new FileRefused('FILE_EMPTY', 'Het bestand is leeg: er is geen kopregel.', 'The file is empty: there is no header row.');
}

async function* readJsonLines(text: Readable, guard: ByteGuard): AsyncGenerator<FileRow> {
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let streamError: unknown;
  text.on('error', (e) => {
    streamError = e;
    lines.close();
  });
  let rowNo = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    rowNo++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield {
        rowNo,
        reference: '',
        bytes: guard.bytes,
        unreadable: { code: 'ROW_NOT_JSON', inputError: true, message: { nl: 'De regel is geen geldige JSON.', en: 'The line is not valid JSON.' } },
      };
      continue;
    }
    const problem = checkSignalShape(value);
    if (problem) {
      const ref = typeof (value as { reference?: unknown })?.reference === 'string' ? (value as { reference: string }).reference : '';
      yield { rowNo, reference: ref, unreadable: problem, bytes: guard.bytes };
      continue;
    }
    yield { rowNo, signal: value as SignalInput, bytes: guard.bytes };
  }
  if (streamError) throw streamError;
}

/**
 * Streams the rows of a batch file. Memory stays flat whatever the file size: the byte stream is
 * decoded and parsed incrementally, and rows are handed out one at a time.
 */
export async function* readBatchFile(source: Readable, format: BatchFormat, maxBytes: number): AsyncGenerator<FileRow> {
  const guard = new ByteGuard(maxBytes);
  let failure: unknown;
  source.on('error', (e) => guard.destroy(e));
  const text = source.pipe(guard);
  guard.on('error', (e) => (failure = e));
  try {
    yield* format === 'csv' ? readCsv(text, guard) : readJsonLines(text, guard);
  } catch (err) {
    throw failure instanceof FileRefused ? failure : err;
  }
  if (failure) throw failure;
}
