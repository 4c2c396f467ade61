import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, csvRecordToSignal, type CsvRecord } from '../domain/signals/csv-columns.ts';
import type { SignalInput } from '../domain/signals/signal.ts';

/**
 * Streams a batch file of signals (the formats intake accepts) without holding it in memory:
 * CSV with a header of CSV_COLUMNS (',' or ';' separated, optional BOM), or JSON Lines with one
 * SignalInput per line. Rows that cannot be read become `{ line, error }` so the caller can report
 * them next to the judged rows. A problem with the file as a whole throws BatchFileError.
 */

export type BatchFormat = 'csv' | 'jsonl';

export type BatchRow =
  | { line: number; signal: SignalInput }
  | { line: number; error: { nl: string; en: string } };

export class BatchFileError extends Error {
  override name = 'BatchFileError';
  constructor(readonly nl: string, readonly en: string) {
    super(en);
  }
}

export function formatFromPath(path: string): BatchFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set(CSV_COLUMNS);

function checkHeader(header: string[]): string[] {
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !KNOWN_COLUMNS.has(c));
  if (unknown.length > 0) {
    // A column no format knows would be dropped silently by the parser: refuse the file instead.
    throw new BatchFileError(`Onbekende kolom(men): ${unknown.join(', ')}.`, `Unknown column(s): ${unknown.join(', ')}.`);
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new BatchFileError(`Verplichte kolom(men) ontbreken: ${missing.join(', ')}.`, `Required column(s) missing: ${missing.join(', ')}.`);
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dup.length > 0) throw new BatchFileError(`Dubbele kolom(men): ${dup.join(', ')}.`, `Duplicate column(s): ${dup.join(', ')}.`);
  return columns;
}

async function* readCsv(input: Readable): AsyncGenerator<BatchRow> {
  const skipped: BatchRow[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: [',', ';'],
      columns: checkHeader,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err) => {
        const lines: unknown = err?.lines;
        const line = typeof lines === 'number' ? lines : 0;
        skipped.push({ line, error: { nl: `Regel ${line} is geen geldige CSV-regel (${err?.code ?? 'fout'}).`, en: `Line ${line} is not a valid CSV row (${err?.code ?? 'error'}).` } });
        return undefined;
      },
    }),
  );
  for await (const item of parser as AsyncIterable<{ record: CsvRecord; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    yield { line: item.info.lines, signal: csvRecordToSignal(item.record) };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

async function* readJsonl(input: Readable): AsyncGenerator<BatchRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line, error: { nl: `Regel ${line} is geen geldige JSON (${(e as Error).message}).`, en: `Line ${line} is not valid JSON (${(e as Error).message}).` } };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: { nl: `Regel ${line} is geen JSON-object.`, en: `Line ${line} is not a JSON object.` } };
      continue;
    }
    yield { line, signal: value as SignalInput };
  }
}

export function readBatch(input: Readable, format: BatchFormat): AsyncGenerator<BatchRow> {
  return format === 'csv' ? readCsv(input) : readJsonl(input);
}

export function readBatchFile(path: string, format: BatchFormat): AsyncGenerator<BatchRow> {
  return readBatch(createReadStream(path), format);
}
