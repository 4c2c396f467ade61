import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../../domain/csv-cell.ts';
import { normalisePostcode } from '../../domain/signals/normalise.ts';
import { forEachCsvRecord, CsvSyntaxError, type CsvDelimiter } from '../../infra/csv/csv-records.ts';
import { decodeUtf8OrWindows1252 } from '../../infra/text/decode-text.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { issueReminderCodes, MAX_REMINDERS_PER_CALL, type IssuedCode } from './issue-reminder-codes.ts';

/** The columns of the portal's upload (house_number may be left out). */
export const REMINDER_CSV_COLUMNS = ['reference', 'postcode', 'house_number', 'period_end'] as const;
type Column = (typeof REMINDER_CSV_COLUMNS)[number];

/** Why a whole file was not read; nothing was issued then. */
export type ReminderFileProblem = 'TOO_LARGE' | 'EMPTY' | 'NOT_TEXT' | 'NOT_CSV' | 'MISSING_COLUMNS' | 'NO_ROWS' | 'TOO_MANY_ROWS';

/**
 * Far above what MAX_REMINDERS_PER_CALL rows take, and below where the web app's multipart limit cuts
 * a file short: a cut file is refused whole, never read in part.
 */
export const MAX_REMINDER_FILE_BYTES = 4 * 1024 * 1024;

type Problem = Extract<IssuedCode, { problem: string }>['problem'];

/** Which column a problem is about, so the page can say "row 3, postcode: …". */
const PROBLEM_FIELD: Readonly<Record<Problem, Column>> = {
  REFERENCE_INVALID: 'reference',
  REFERENCE_HAS_CODE: 'reference',
  REFERENCE_TWICE: 'reference',
  POSTCODE_INVALID: 'postcode',
  HOUSE_NUMBER_INVALID: 'house_number',
  EXPIRY_INVALID: 'period_end',
  EXPIRY_OUT_OF_RANGE: 'period_end',
};

export interface ReminderCodeRow {
  /** The line of the file the row is on (the header is line 1), as a spreadsheet numbers it. */
  line: number;
  reference: string;
  postcode: string;
  houseNumber: string;
  expiresOn: string;
}
export type ReminderCodeResult = ReminderCodeRow & ({ code: string } | { problem: Problem; field: Column });

export type ReminderCsvOutcome =
  | { fileProblem: ReminderFileProblem; missing?: Column[] }
  | {
      rows: ReminderCodeResult[];
      /** The codes made, as a CSV to merge into the letters: the only copy (only hashes are kept). */
      csv: string;
    };

function delimiterOf(headerLine: string): CsvDelimiter {
  return headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
}

function readRows(text: string): { rows: ReminderCodeRow[] } | { fileProblem: ReminderFileProblem; missing?: Column[] } {
  const delimiter = delimiterOf(text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length));
  let header: number[] | undefined;
  let missing: Column[] = [];
  const rows: ReminderCodeRow[] = [];
  let tooMany = false;
  try {
    forEachCsvRecord(
      text,
      (fields, line) => {
        const cells = fields.map((f) => f.trim());
        if (!header) {
          const names = cells.map((c) => c.toLowerCase());
          header = REMINDER_CSV_COLUMNS.map((c) => names.indexOf(c));
          missing = REMINDER_CSV_COLUMNS.filter((c, i) => c !== 'house_number' && header?.[i] === -1);
          return;
        }
        if (cells.every((c) => c === '')) return;
        if (rows.length >= MAX_REMINDERS_PER_CALL) {
          tooMany = true;
          return;
        }
        const cell = (i: number) => (header && header[i] !== undefined && header[i] >= 0 ? (cells[header[i]] ?? '') : '');
        rows.push({ line, reference: cell(0), postcode: cell(1), houseNumber: cell(2), expiresOn: cell(3) });
      },
      { delimiter },
    );
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { fileProblem: 'NOT_CSV' };
    throw e;
  }
  if (!header) return { fileProblem: 'EMPTY' };
  if (missing.length) return { fileProblem: 'MISSING_COLUMNS', missing };
  if (tooMany) return { fileProblem: 'TOO_MANY_ROWS' };
  if (rows.length === 0) return { fileProblem: 'NO_ROWS' };
  return { rows };
}

/**
 * The creditor portal's bulk upload of reminder codes (issue 24 point 1): a CSV with one reminder
 * per row goes through the same use case as POST /v1/reminder-codes, and the answer pairs each row
 * with its code or its problem. The codes come back once, here, as a CSV to merge into the letters.
 */
export async function issueReminderCodesFromCsv(deps: AppDeps, ctx: CallContext, bytes: Uint8Array): Promise<ReminderCsvOutcome> {
  if (bytes.length > MAX_REMINDER_FILE_BYTES) return { fileProblem: 'TOO_LARGE' };
  const decoded = decodeUtf8OrWindows1252(bytes, true);
  if ('notUtf8At' in decoded || decoded.text.includes('\u0000')) return { fileProblem: 'NOT_TEXT' };
  const read = readRows(decoded.text.replace(/^\uFEFF/, ''));
  if ('fileProblem' in read) return read;
  const issued = await issueReminderCodes(
    deps,
    ctx,
    read.rows.map((r) => ({ reference: r.reference, postcode: r.postcode, houseNumber: r.houseNumber, expiresOn: r.expiresOn })),
  );
  const rows: ReminderCodeResult[] = read.rows.map((r, i) => {
    const o = issued[i] as IssuedCode;
    return 'code' in o ? { ...r, code: o.code } : { ...r, problem: o.problem, field: PROBLEM_FIELD[o.problem] };
  });
  const lines = rows.flatMap((r) => ('code' in r ? [[r.reference.trim(), normalisePostcode(r.postcode) ?? r.postcode, r.houseNumber, r.code, r.expiresOn]] : []));
  const csv = stringify([['reference', 'postcode', 'house_number', 'code', 'valid_until'], ...lines], { bom: true, cast: { string: neutraliseCell } });
  return { rows, csv };
}
