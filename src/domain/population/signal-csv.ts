/**
 * One SignalInput as one line of the batch CSV format (src/domain/signals/csv-columns.ts), built by
 * hand in one template: a general CSV library costs several times more per row, and scale data
 * for benchmarks is millions of rows. The line reads back with csvRecordToSignal into the same
 * signal (signal-csv.test.ts).
 */
import { CSV_COLUMNS } from '../signals/csv-columns.ts';
import type { SignalInput } from '../signals/signal.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export const CSV_HEADER_LINE = `${CSV_COLUMNS.join(',')}\n`;

/** Euros with two decimals and a dot, as the batch format asks ('812.50'). */
export function eurosText(v: number): string {
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

/** 27 commas between 28 cells, a final line break, and no quote or line break inside. */
const PLAIN_LINE = new RegExp(`^(?:[^,"\\r\\n]*,){${CSV_COLUMNS.length - 1}}[^,"\\r\\n]*\\n$`);

/** Reused for every line: join allocates only the line itself. */
const cells: string[] = new Array<string>(CSV_COLUMNS.length).fill('');

function fill(s: SignalInput, text: (v: string | undefined) => string): string[] {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  const c = cells;
  c[0] = text(s.reference);
  c[1] = text(s.signalType);
  c[2] = text(s.signalDate);
  c[3] = text(s.municipalityCode);
  c[4] = text(s.onBehalfOf);
  c[5] = typeof s.amount === 'number' ? eurosText(s.amount) : text(s.amount);
  c[6] = components(s.components);
  c[7] = text(s.arrearStartDate);
  c[8] = text(s.bsn);
  c[9] = text(p?.initials);
  c[10] = text(p?.givenName);
  c[11] = text(p?.prefix);
  c[12] = text(p?.surname);
  c[13] = text(a?.street);
  c[14] = text(a?.houseNumber);
  c[15] = text(a?.houseNumberAddition);
  c[16] = text(a?.postcode);
  c[17] = text(a?.city);
  c[18] = text(s.phone);
  c[19] = text(s.email);
  c[20] = text(s.customerNumber);
  c[21] = text(s.birthDate);
  c[22] = flag(s.crisis);
  c[23] = text(sc?.personalContactAttemptedOn);
  c[24] = text(sc?.debtAssistanceReferredOn);
  c[25] = text(sc?.reminderSentOn);
  c[26] = flag(sc?.agreementOfferedInReminder);
  c[27] = `${text(sc?.residentResponse)}\n`;
  return c;
}

function raw(v: string | undefined): string {
  return v ?? '';
}

/**
 * The line for one signal, ending in '\n'. The cells follow CSV_COLUMNS; signal-csv.test.ts keeps
 * the two in step. The common case joins the cells unquoted and checks the whole line once (one
 * regular-expression pass is cheaper than 28); a line with a comma, quote or line break inside a
 * cell is rebuilt with quoting.
 */
export function signalToCsvLine(s: SignalInput): string {
  const line = fill(s, raw).join(',');
  return PLAIN_LINE.test(line) ? line : fill(s, csvCell).join(',');
}
