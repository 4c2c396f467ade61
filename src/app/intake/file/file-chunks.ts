import type { Readable } from 'node:stream';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '../../../domain/signals/csv-columns.ts';
import { lastLineEnd, lastRecordEnd } from '../../../infra/csv/record-boundary.ts';
import { CsvSyntaxError, forEachCsvRecord, type CsvDelimiter } from '../../../infra/csv/csv-records.ts';
import { fileRefusals } from './file-refused.ts';
import { decodeUtf8OrWindows1252, type TextEncoding } from '../../../infra/text/decode-text.ts';

export type BatchFormat = 'csv' | 'jsonl';

/** A piece of a batch file holding whole records (rows) only, so it can be read on its own. */
export interface FileChunk {
  bytes: Buffer;
  /** Byte offset of the chunk in the file (for messages about it). */
  offset: number;
  /** Bytes of the file read once this chunk is done (for progress). */
  end: number;
}

/** How big a chunk grows before it is cut at the last record end: ~2,600 signal rows (bigger chunks: fewer transactions, but more memory in every thread). */
export const CHUNK_BYTES = 512 * 1024;
/** A record (CSV csv-parse's max_record_size; a JSON line too) may not be longer; a chunk without any record end beyond this is cut anyway. */
export const MAX_RECORD_BYTES = 64 * 1024;

const KNOWN = new Set<string>(CSV_COLUMNS);
const BOM = [0xef, 0xbb, 0xbf];

/**
 * How a CSV file is written, as read from its first bytes: the separator (',' as in the template, or
 * ';' as Dutch Excel saves), and whether it starts with a byte order mark (Excel's "CSV UTF-8"). The
 * text encoding follows per chunk (decodeText): UTF-8, or Windows-1252 when the bytes are not UTF-8.
 */
export interface CsvFileFormat {
  delimiter: CsvDelimiter;
  byteOrderMark: boolean;
}

export type { TextEncoding };

function checkHeader(header: readonly string[]): void {
  const cols = header.map((h) => h.trim());
  if (cols.length === 1 && /[\t|]/.test(cols[0] ?? '')) {
    const sep = (cols[0] ?? '').includes('\t') ? 'tab' : '|';
    throw fileRefusals.wrongDelimiter(sep);
  }
  const unknown = cols.filter((c) => !KNOWN.has(c));
  if (unknown.length > 0) throw fileRefusals.unknownColumns(unknown);
  const dup = cols.filter((c, i) => cols.indexOf(c) !== i);
  if (dup.length > 0) throw fileRefusals.duplicateColumns(dup);
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !cols.includes(c));
  if (missing.length > 0) throw fileRefusals.missingColumns(missing);
}

/**
 * Decodes a chunk of a file (whole characters: cut at newlines). Bytes that are not UTF-8 are, in a
 * CSV file without a byte order mark (`legacy`), Windows-1252: what Excel writes for "CSV
 * (gescheiden door lijstscheidingsteken)". Every byte is a character there, so only a NUL (a binary
 * file) is refused. But UTF-8 text with a stray byte is refused, not read as Windows-1252: that would
 * garble every accented letter around it. JSON Lines and files with a byte order mark must be UTF-8.
 */
export function decodeText(bytes: Uint8Array, offset: number, legacy: boolean): { text: string; encoding: TextEncoding } {
  const decoded = decodeUtf8OrWindows1252(bytes, legacy);
  if ('notUtf8At' in decoded) throw fileRefusals.notUtf8(offset + decoded.notUtf8At);
  if (decoded.text.includes('\u0000')) throw fileRefusals.binary();
  return decoded;
}


/**
 * The separator of a header line: the one whose fields are the template's column names. Dutch Excel
 * writes ';' (the Dutch list separator); the template uses ','.
 */
function detectDelimiter(line: string): CsvDelimiter {
  const known = (d: CsvDelimiter) => line.split(d).filter((c) => KNOWN.has(c.trim().replace(/^"|"$/g, ''))).length;
  return known(';') > known(',') ? ';' : ',';
}

/** Index just past the first newline outside quotes from `from` on, or -1 (looked for within MAX_RECORD_BYTES). */
function firstRecordEnd(buf: Buffer, from: number): number {
  let quotes = 0;
  const stop = Math.min(buf.length, from + MAX_RECORD_BYTES + 1);
  for (let i = from; i < stop; i++) {
    const b = buf[i];
    if (b === 0x22) quotes++;
    else if (b === 0x0a && (quotes & 1) === 0) return i + 1;
  }
  return -1;
}

/**
 * Reads the header row of a CSV file from its first bytes (empty lines before it are skipped, as
 * for rows). Returns the checked column names and where the rows start, or undefined while the
 * header is not complete yet (more bytes needed; `final` says there are none).
 */
function readHeader(buf: Buffer, final: boolean, legacy: boolean): { header: string[]; bodyStart: number; delimiter: CsvDelimiter } | undefined {
  let pos = 0;
  for (;;) {
    let end = firstRecordEnd(buf, pos);
    if (end === -1) {
      if (!final && buf.length - pos <= MAX_RECORD_BYTES) return undefined;
      end = buf.length;
    }
    if (end === pos) throw fileRefusals.empty();
    let header: string[] | undefined;
    const line = decodeText(buf.subarray(pos, end), pos, legacy).text;
    const delimiter = detectDelimiter(line);
    try {
      forEachCsvRecord(line, (fields) => (header ??= fields.map((h) => h.trim())), { maxRecordChars: MAX_RECORD_BYTES, delimiter });
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw fileRefusals.notCsv(e.line, e.code);
      throw e;
    }
    if (header) {
      checkHeader(header);
      return { header, bodyStart: end, delimiter };
    }
    pos = end;
  }
}

/**
 * Cuts a batch file's byte stream into chunks of whole records (CHUNK_BYTES, 512 KiB), streaming: the file never
 * sits in memory. Refuses a file over `maxBytes` (413) as soon as it gets there. For CSV the header
 * row is read and checked first (onHeader, with how the file is written); chunks then hold rows
 * only. The byte order mark goes.
 */
export async function* fileChunks(
  source: Readable,
  format: BatchFormat,
  maxBytes: number,
  onHeader: (header: string[], file: CsvFileFormat) => void,
): AsyncGenerator<FileChunk> {
  const cutAt = format === 'csv' ? lastRecordEnd : lastLineEnd;
  // Pieces as they came, joined once a chunk's worth is there (not re-copied on every piece).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let read = 0;
  let offset = 0;
  let started = false;
  let byteOrderMark = false;
  let headerDone = format !== 'csv';
  const take = (): Buffer => {
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return buf;
  };
  const keep = (buf: Buffer) => {
    if (buf.length === 0) return;
    pending.push(buf);
    pendingBytes += buf.length;
  };
  /** Strips the byte order mark Excel writes before "CSV UTF-8", and reads the CSV header: the rows that follow, or undefined for more bytes. */
  const begin = (buf: Buffer, final: boolean): Buffer | undefined => {
    if (!started) {
      if (buf.length < 3 && !final) return undefined;
      started = true;
      if (buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) {
        byteOrderMark = true;
        offset = 3;
        buf = buf.subarray(3);
      }
    }
    if (headerDone) return buf;
    const h = readHeader(buf, final, !byteOrderMark);
    if (!h) return undefined;
    onHeader(h.header, { delimiter: h.delimiter, byteOrderMark });
    headerDone = true;
    offset += h.bodyStart;
    return buf.subarray(h.bodyStart);
  };
  for await (const data of source as AsyncIterable<Buffer | string>) {
    // An object-mode stream (Readable.from a string) gives strings.
    const piece = typeof data === 'string' ? Buffer.from(data) : data;
    read += piece.length;
    if (read > maxBytes) throw fileRefusals.tooLarge(maxBytes);
    keep(piece);
    if (pendingBytes < (headerDone ? CHUNK_BYTES : 3)) continue;
    let buf = take();
    const body = begin(buf, false);
    if (!body) {
      keep(buf);
      continue;
    }
    buf = body;
    if (buf.length < CHUNK_BYTES) {
      keep(buf);
      continue;
    }
    let cut = cutAt(buf);
    // No record end in a long stretch: an unclosed quote or an endless line; the reader says which.
    if (cut === -1 && buf.length > CHUNK_BYTES + MAX_RECORD_BYTES) cut = buf.length;
    if (cut === -1) {
      keep(buf);
      continue;
    }
    yield { bytes: buf.subarray(0, cut), offset, end: read - (buf.length - cut) };
    offset += cut;
    keep(buf.subarray(cut));
  }
  const rest = begin(take(), true);
  if (!rest) throw fileRefusals.empty();
  if (rest.length > 0) yield { bytes: rest, offset, end: read };
}
