/**
 * One SignalInput as one line of the batch CSV format (src/domain/signals/csv-columns.ts), built by
 * hand in one template: a general CSV library costs several times more per row, and scale data
 * for benchmarks is millions of rows. The line reads back with csvRecordToSignal into the same
 * signal (signal-csv.test.ts).
 */
import { CSV_COLUMNS } from '../../domain/signals/csv-columns.ts';
import { fieldPlace, SIGNAL_FIELDS, type FieldType } from '../../domain/signals/signal-fields.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export const CSV_HEADER_LINE = `${CSV_COLUMNS.join(',')}\n`;

/** Euros with two decimals and a dot, as the batch format asks ('812.50'). */
function eurosText(v: number): string {
  const cents = Math.round(v * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const c = abs % 100;
  return `${sign}${(abs - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

function flag(v: boolean | undefined): string {
  if (v === undefined) return '';
  return v ? 'ja' : 'nee';
}

/** 'municipal_tax=250.00;parking_fine=90.00' */
function components(c: Record<string, string | number> | undefined): string {
  if (c === undefined) return '';
  let out = '';
  for (const k in c) {
    const v = c[k] as string | number;
    out += `${out === '' ? '' : ';'}${k}=${typeof v === 'number' ? eurosText(v) : v}`;
  }
  return csvCell(out);
}

/** Codes separated by ';' (attestations). */
function codes(v: readonly string[] | undefined): string {
  return v === undefined ? '' : csvCell(v.join(';'));
}

/** A delivered field as the line's writer reads it: where the value sits and how it is written. */
interface Cell {
  group: 'person' | 'address' | 'socialCollection' | undefined;
  key: string;
  type: FieldType;
}

const CELLS: readonly Cell[] = SIGNAL_FIELDS.map((f) => ({ ...fieldPlace(f), type: f.type }));

/** As many commas as columns less one, a final line break, and no quote or line break inside. */
const PLAIN_LINE = new RegExp(`^(?:[^,"\\r\\n]*,){${CSV_COLUMNS.length - 1}}[^,"\\r\\n]*\\n$`);

/** Reused for every line: join allocates only the line itself. */
const cells: string[] = new Array<string>(CSV_COLUMNS.length).fill('');

function fill(s: SignalInput, text: (v: string | undefined) => string): string[] {
  const signal = s as unknown as Record<string, unknown>;
  for (let i = 0; i < CELLS.length; i++) {
    const cell = CELLS[i]!;
    const holder = cell.group === undefined ? signal : (signal[cell.group] as Record<string, unknown> | undefined);
    const v = holder?.[cell.key];
    switch (cell.type) {
      case 'amount':
        cells[i] = typeof v === 'number' ? eurosText(v) : text(v as string | undefined);
        break;
      case 'components':
        cells[i] = components(v as Record<string, string | number> | undefined);
        break;
      case 'flag':
        cells[i] = flag(v as boolean | undefined);
        break;
      case 'codes':
        cells[i] = codes(v as string[] | undefined);
        break;
      default:
        cells[i] = text(v as string | undefined);
    }
  }
  cells[CELLS.length - 1] += '\n';
  return cells;
}

function raw(v: string | undefined): string {
  return v ?? '';
}

/**
 * The line for one signal, ending in '\n'. The cells follow CSV_COLUMNS (both come from the field
 * table). The common case joins the cells unquoted and checks the whole line once (one
 * regular-expression pass is cheaper than one per cell); a line with a comma, quote or line break
 * inside a cell is rebuilt with quoting.
 */
export function signalToCsvLine(s: SignalInput): string {
  const line = fill(s, raw).join(',');
  return PLAIN_LINE.test(line) ? line : fill(s, csvCell).join(',');
}
