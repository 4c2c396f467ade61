import type { SignalInput } from './signal.ts';
import { fieldPlace, SIGNAL_FIELDS, type CsvColumnName, type FieldType } from './signal-fields.ts';
import { compile, int, prop } from './field-code.ts';

/**
 * The batch-file columns (CSV header names; JSON Lines uses the SignalInput shape itself), derived
 * from the field table (signal-fields.ts): the template download, the parser and the docs use the
 * same list, so they cannot drift apart.
 */
export const CSV_COLUMNS: readonly CsvColumnName[] = Object.freeze(SIGNAL_FIELDS.map((f) => f.csv));
export type CsvColumn = CsvColumnName;

/** Columns a file must have in its header; the others may be left out. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = Object.freeze(SIGNAL_FIELDS.filter((f) => 'required' in f && f.required).map((f) => f.csv));

export const CSV_COLUMN_DOCS = Object.freeze(Object.fromEntries(SIGNAL_FIELDS.map((f) => [f.csv, f.docs]))) as Readonly<
  Record<CsvColumn, { nl: string; en: string; example: string }>
>;

export type CsvRecord = Partial<Record<CsvColumn, string>>;

/**
 * How a file writes values. 'standard' is the template: dot decimals, ISO dates. 'nl' is what Dutch
 * Excel saves ("CSV (gescheiden door lijstscheidingsteken)", separator ';'): a decimal comma
 * ('812,50'), dates as d-m-jjjj ('14-3-2025'), and WAAR/ONWAAR for yes/no. Both are unambiguous, so
 * values in the template's notation are read the same in either.
 */
export type CsvDialect = 'standard' | 'nl';

const TRUE_WORDS = new Set(['ja', 'yes', 'true', '1', 'j', 'y', 'waar']);
const FALSE_WORDS = new Set(['nee', 'no', 'false', '0', 'n', 'onwaar']);

/** Booleans in files: Dutch or English words. Anything else stays a string so the evaluator can refuse it. */
function parseFlag(v: string): boolean {
  const l = v.toLowerCase();
  if (TRUE_WORDS.has(l)) return true;
  if (FALSE_WORDS.has(l)) return false;
  return v as unknown as boolean;
}

/** '812,50' → '812.50' in the Dutch dialect; anything else is left for the evaluator to judge. */
function amountOf(v: string, dialect: CsvDialect): string {
  if (dialect !== 'nl') return v;
  const comma = v.indexOf(',');
  if (comma <= 0 || comma !== v.lastIndexOf(',') || v.includes('.')) return v;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (i !== comma && (c < 48 || c > 57)) return v;
  }
  return `${v.slice(0, comma)}.${v.slice(comma + 1)}`;
}

/** '14-3-2025' / '14-03-2025' → '2025-03-14' in the Dutch dialect (the year's position makes it unambiguous). */
function dateOf(v: string, dialect: CsvDialect): string {
  if (dialect !== 'nl' || v.length < 8 || v.length > 10 || v.charCodeAt(v.length - 5) !== 45) return v;
  const m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
  if (m === null) return v;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** 'municipal_tax=250;parking_fine=90' → { municipal_tax: '250', parking_fine: '90' } */
function parseComponents(v: string, dialect: CsvDialect): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of v.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) out[p] = '';
    else out[p.slice(0, eq).trim()] = amountOf(p.slice(eq + 1).trim(), dialect);
  }
  return out;
}

/** 'no_deferral_granted; preceded_by_early_signal' → the codes. */
function parseCodes(v: string): string[] {
  const out: string[] = [];
  for (const part of v.split(';')) {
    const p = part.trim();
    if (p !== '') out.push(p);
  }
  return out;
}

/** Column → position in a file's header: a row's fields are read without building a record object. */
export type ColumnIndex = Partial<Record<CsvColumn, number>>;

export function columnIndex(header: readonly string[]): ColumnIndex {
  const index: ColumnIndex = {};
  header.forEach((h, i) => {
    if ((CSV_COLUMNS as readonly string[]).includes(h)) index[h as CsvColumn] = i;
  });
  return index;
}

/** What the compiled row readers call: cell access and the conversions of the file's notation. */
const READ = { cell: cellAt, dateOf, amountOf, parseComponents, parseFlag, parseCodes };
type RowReader = (f: readonly string[], d: CsvDialect, h: typeof READ) => SignalInput;
const READERS = new WeakMap<ColumnIndex, RowReader>();

/** The value expression for a cell `v` of a field of this type. */
function conversion(type: FieldType): string {
  switch (type) {
    case 'text':
    case 'response':
      return 'v';
    case 'date':
      return 'h.dateOf(v, d)';
    case 'amount':
      return 'h.amountOf(v, d)';
    case 'components':
      return 'h.parseComponents(v, d)';
    case 'flag':
      return 'h.parseFlag(v)';
    case 'codes':
      return 'h.parseCodes(v)';
  }
}

const GROUP_VAR = { person: 'person', address: 'address', socialCollection: 'social' } as const;

/**
 * The reader of a file's rows, compiled once per header (field-code.ts): each column the file has,
 * in table order, written out as a line. Nested objects exist only when one of their cells has a value.
 */
function readerOf(x: ColumnIndex): RowReader {
  let reader = READERS.get(x);
  if (reader === undefined) {
    const at = (c: CsvColumn) => (x[c] === undefined ? 'undefined' : int(x[c]));
    const lines = [
      `const s = { reference: h.cell(f, ${at('reference')}) ?? '', signalType: h.cell(f, ${at('signal_type')}) ?? '', signalDate: h.dateOf(h.cell(f, ${at('signal_date')}) ?? '', d) };`,
      'let v, person, address, social;',
    ];
    for (const field of SIGNAL_FIELDS) {
      const i = x[field.csv];
      if (i === undefined || field.path === 'reference' || field.path === 'signalType' || field.path === 'signalDate') continue;
      const { group, key } = fieldPlace(field);
      const target = group === undefined ? `s.${prop(key)}` : `(${GROUP_VAR[group]} ??= (s.${prop(group)} = {})).${prop(key)}`;
      lines.push(`v = h.cell(f, ${int(i)}); if (v !== undefined) ${target} = ${conversion(field.type)};`);
    }
    lines.push('return s;');
    reader = compile<RowReader>(['f', 'd', 'h'], lines.join('\n'));
    READERS.set(x, reader);
  }
  return reader;
}

const TEMPLATE_INDEX = columnIndex(CSV_COLUMNS);

/** Turns one CSV record (header → cell) into the common SignalInput shape. */
export function csvRecordToSignal(row: CsvRecord, dialect: CsvDialect = 'standard'): SignalInput {
  return csvFieldsToSignal(
    CSV_COLUMNS.map((c) => row[c] ?? ''),
    TEMPLATE_INDEX,
    dialect,
  );
}

/** The trimmed cell at a header position; undefined when the file has no such column or the cell is blank. */
function cellAt(fields: readonly string[], i: number | undefined): string | undefined {
  if (i === undefined) return undefined;
  const v = fields[i];
  if (v === undefined || v === '') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/**
 * One row's fields (in header order) as the common SignalInput shape. Nested objects (person,
 * address, socialCollection) exist only when one of their cells has a value. Intake calls it a
 * million times for a big file, so each header gets its own compiled reader (readerOf).
 */
export function csvFieldsToSignal(f: readonly string[], x: ColumnIndex, dialect: CsvDialect = 'standard'): SignalInput {
  return readerOf(x)(f, dialect, READ);
}
