/**
 * A fast CSV parser for a chunk of whole records (cut with lastRecordEnd), accepting and rejecting exactly what
 * csv-parse does with `{ relax_column_count: true, skip_empty_lines: true, max_record_size }` on text whose lines
 * end in `\n` or `\r\n`.
 *
 * Not handled here, on purpose: the byte order mark (the caller strips it from the first chunk, as csv-parse's
 * `bom: true` does) and trimming (the caller trims fields). Where csv-parse would differ: it fixes the record
 * delimiter to the first line ending it meets (so a file mixing `\n` and `\r\n`, or using a bare `\r`, is read
 * differently there), while this parser ends every record at `\n` and drops a `\r` just before it.
 */

export type CsvSyntaxCode = 'CSV_QUOTE_NOT_CLOSED' | 'CSV_INVALID_OPENING_QUOTE' | 'CSV_INVALID_CLOSING_QUOTE' | 'CSV_RECORD_TOO_LARGE';

export class CsvSyntaxError extends Error {
  constructor(
    readonly code: CsvSyntaxCode,
    /** 1-based physical line within the text where the record starts */
    readonly line: number,
  ) {
    super(`${code} in the record starting at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const LF = 0x0a;

/** The field separators a batch file may use: the template's comma, or the semicolon Dutch Excel writes. */
export type CsvDelimiter = ',' | ';';
const CR = 0x0d;

/**
 * csv-parse's max_record_size test, reproduced exactly: before it appends a byte to a field it checks
 * `characters of the finished fields + UTF-8 bytes of the current field so far > limit`. A field therefore breaks
 * the limit when `chars before it + its bytes - 1 > limit` (so a record may hold limit + 1 characters).
 * `fields` may end with a field that was still being read when a syntax error stopped the record.
 */
function breaksSizeLimit(fields: readonly string[], limit: number): boolean {
  let charsBefore = 0;
  for (const f of fields) {
    if (f.length > 0 && charsBefore + Buffer.byteLength(f) - 1 > limit) return true;
    charsBefore += f.length;
  }
  return false;
}

class ChunkParser {
  pos = 0;
  /** The line `pos` is on. */
  line = 1;
  /** Cached positions of the next `"` and delimiter (-1: none left), so no search ever rescans the rest of the text. */
  private nextQuote: number;
  private nextDelim: number;
  /** The delimiter as a character and as a char code. */
  private readonly delim: string;
  private readonly delimCode: number;

  constructor(
    private readonly text: string,
    private readonly limit: number,
    delimiter: CsvDelimiter,
  ) {
    this.delim = delimiter;
    this.delimCode = delimiter.charCodeAt(0);
    this.nextQuote = text.indexOf('"');
    this.nextDelim = text.indexOf(delimiter);
  }

  /** Reads the record at `pos`; returns its fields, or undefined for an empty line. Leaves `pos` on the next line. */
  next(): string[] | undefined {
    const { text, pos } = this;
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (this.nextQuote !== -1 && this.nextQuote < lineEnd) return this.quotedRecord();
    const end = nl !== -1 && lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    if (end === pos) return this.toNextLine(nl, lineEnd);
    const fields = this.plainFields(pos, end);
    // A character takes at most 3 UTF-8 bytes per UTF-16 unit, so shorter lines cannot break the limit: don't measure them.
    if (3 * (end - pos) > this.limit + 1 && breaksSizeLimit(fields, this.limit)) this.fail('CSV_RECORD_TOO_LARGE', this.line);
    this.toNextLine(nl, lineEnd);
    return fields;
  }

  private toNextLine(nl: number, lineEnd: number): undefined {
    this.pos = lineEnd + 1;
    if (nl !== -1) this.line++;
    return undefined;
  }

  /** Splits a line without quotes. Most fields are empty, so `''` is pushed without slicing. */
  private plainFields(start: number, end: number): string[] {
    const { text } = this;
    const fields: string[] = [];
    let from = start;
    let comma = this.nextDelim;
    while (comma !== -1 && comma < end) {
      fields.push(comma === from ? '' : text.slice(from, comma));
      from = comma + 1;
      comma = text.indexOf(this.delim, from);
    }
    this.nextDelim = comma;
    fields.push(from === end ? '' : text.slice(from, end));
    return fields;
  }

  /** The slow path: a character state machine for a record with a quote in it, which may span several lines. */
  private quotedRecord(): string[] {
    const { text } = this;
    const startLine = this.line;
    const fields: string[] = [];
    let p = this.pos;
    for (;;) {
      if (text.charCodeAt(p) === QUOTE) p = this.quotedField(p, fields, startLine);
      else p = this.unquotedField(p, fields, startLine);
      // p is on the character that ended the field: a comma, a line ending, or the end of the text.
      const c = text.charCodeAt(p);
      if (c === this.delimCode) {
        p++;
        continue;
      }
      const after = p >= text.length ? p : c === LF ? p + 1 : p + 2; // a field only stops at CR when LF follows
      this.finishRecord(fields, startLine, after);
      return fields;
    }
  }

  /** Reads `"..."` starting at the opening quote; returns the index after the closing quote. */
  private quotedField(open: number, fields: string[], startLine: number): number {
    const { text } = this;
    let value = '';
    let from = open + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) {
        fields.push(value + text.slice(from));
        this.fail('CSV_QUOTE_NOT_CLOSED', startLine, fields);
      }
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      value += text.slice(from, q);
      fields.push(value);
      const after = q + 1;
      const c = text.charCodeAt(after);
      const endsField = after >= text.length || c === this.delimCode || c === LF || (c === CR && text.charCodeAt(after + 1) === LF);
      if (!endsField) this.fail('CSV_INVALID_CLOSING_QUOTE', startLine, fields);
      return after;
    }
  }

  /** Reads an unquoted field; returns the index of the comma or line ending after it. */
  private unquotedField(start: number, fields: string[], startLine: number): number {
    const { text } = this;
    let p = start;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === this.delimCode || c === LF || (c === CR && text.charCodeAt(p + 1) === LF)) break;
      // The field is not empty here (a leading quote would have made it a quoted field).
      if (c === QUOTE) {
        fields.push(text.slice(start, p));
        this.fail('CSV_INVALID_OPENING_QUOTE', startLine, fields);
      }
    }
    fields.push(text.slice(start, p));
    return p;
  }

  private finishRecord(fields: string[], startLine: number, after: number): void {
    if (breaksSizeLimit(fields, this.limit)) this.fail('CSV_RECORD_TOO_LARGE', startLine);
    for (let nl = this.text.indexOf('\n', this.pos); nl !== -1 && nl < after; nl = this.text.indexOf('\n', nl + 1)) this.line++;
    this.pos = after;
    this.nextQuote = this.text.indexOf('"', after);
    if (this.nextDelim !== -1 && this.nextDelim < after) this.nextDelim = this.text.indexOf(this.delim, after);
  }

  /** csv-parse checks the size before each character, so an oversized record is reported before a later syntax error. */
  private fail(code: CsvSyntaxCode, line: number, partial?: readonly string[]): never {
    throw new CsvSyntaxError(partial && breaksSizeLimit(partial, this.limit) ? 'CSV_RECORD_TOO_LARGE' : code, line);
  }
}

/**
 * Calls onRecord once per non-empty record of `text`, in order, with the record's fields and the 1-based physical line (within text) the record starts on.
 * `text` holds whole records only (it was cut with lastRecordEnd); the final record may or may not end with a newline.
 * The BOM is not stripped and fields are not trimmed: both are the caller's job.
 * `maxRecordChars` is csv-parse's max_record_size (0: no limit), measured as csv-parse measures it (see breaksSizeLimit).
 * `delimiter` separates fields (default the comma).
 * Returns the number of physical lines in text (so a caller can number lines across chunks).
 */
export function forEachCsvRecord(
  text: string,
  onRecord: (fields: string[], line: number) => void,
  opts?: { maxRecordChars?: number /* default 65536 */; delimiter?: CsvDelimiter },
): number {
  const max = opts?.maxRecordChars ?? 65536;
  const parser = new ChunkParser(text, max === 0 ? Infinity : max, opts?.delimiter ?? ',');
  while (parser.pos < text.length) {
    const line = parser.line;
    const fields = parser.next();
    if (fields) onRecord(fields, line);
  }
  const unterminated = text.length > 0 && text.charCodeAt(text.length - 1) !== LF;
  return unterminated ? parser.line : parser.line - 1;
}
