import type { SignalInput } from './signal.ts';
import { fieldPlace, SIGNAL_FIELDS, type CsvColumnName, type FieldType } from './signal-fields.ts';

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

function convert(type: FieldType, v: string, dialect: CsvDialect): unknown {
  switch (type) {
    case 'text':
    case 'response':
      return v;
    case 'date':
      return dateOf(v, dialect);
    case 'amount':
      return amountOf(v, dialect);
    case 'components':
      return parseComponents(v, dialect);
    case 'flag':
      return parseFlag(v);
    case 'codes':
      return parseCodes(v);
  }
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

/** One header position to read: where the cell is, and where its value goes. */
interface Step {
  at: number;
  group: 0 | 1 | 2 | 3; // top level, person, address, socialCollection
  key: string;
  type: FieldType;
}

const GROUP = { person: 1, address: 2, socialCollection: 3 } as const;
const PLANS = new WeakMap<ColumnIndex, Step[]>();

/** The columns a file has, in table order, as steps: worked out once per file, not per row. */
function planOf(x: ColumnIndex): Step[] {
  let plan = PLANS.get(x);
  if (plan === undefined) {
    plan = [];
    for (const f of SIGNAL_FIELDS) {
      const at = x[f.csv];
      if (at === undefined || f.path === 'reference' || f.path === 'signalType' || f.path === 'signalDate') continue;
      const { group, key } = fieldPlace(f);
      plan.push({ at, group: group === undefined ? 0 : GROUP[group], key, type: f.type });
    }
    PLANS.set(x, plan);
  }
  return plan;
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
 * million times for a big file, so the file's plan is worked out once (planOf).
 */
export function csvFieldsToSignal(f: readonly string[], x: ColumnIndex, dialect: CsvDialect = 'standard'): SignalInput {
  const s: SignalInput = {
    reference: cellAt(f, x.reference) ?? '',
    signalType: cellAt(f, x.signal_type) ?? '',
    signalDate: dateOf(cellAt(f, x.signal_date) ?? '', dialect),
  };
  const top = s as unknown as Record<string, unknown>;
  let person: Record<string, unknown> | undefined;
  let address: Record<string, unknown> | undefined;
  let social: Record<string, unknown> | undefined;
  const plan = planOf(x);
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i]!;
    const cell = cellAt(f, step.at);
    if (cell === undefined) continue;
    const v = convert(step.type, cell, dialect);
    switch (step.group) {
      case 0:
        top[step.key] = v;
        break;
      case 1:
        (person ??= top['person'] = {})[step.key] = v;
        break;
      case 2:
        (address ??= top['address'] = {})[step.key] = v;
        break;
      case 3:
        (social ??= top['socialCollection'] = {})[step.key] = v;
        break;
    }
  }
  return s;
}
