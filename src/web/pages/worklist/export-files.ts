import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { WorklistExport } from '../../../app/worklist/export-worklist.ts';
import type { getWorklistStatistics } from '../../../app/worklist/worklist-statistics.ts';
import { neutraliseCell } from '../../../domain/csv-cell.ts';
import type { CaseDeadline } from '../../../domain/worklist/deadlines.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { WorklistT } from './messages.ts';
import { addressOfKey } from './parts.tsx';
import type { RuleData } from './rule-data.ts';

type Cell = string | number | null;
/** A table as both file formats write it: column headers, then rows of plain values. */
export interface ExportTable {
  headers: string[];
  rows: Cell[][];
}

const STATE_KEY: Record<CaseDeadline['state'], Parameters<WorklistT>[0]> = {
  overdue: 'stateOverdue',
  over_target: 'stateOverTarget',
  due_soon: 'stateDueSoon',
  on_time: 'stateOnTime',
  done: 'stateDone',
};
const STATUS_KEY = { open: 'statusOpen', picked_up: 'statusPickedUp', closed: 'statusClosed' } as const;

/** The worklist's columns, in words of the reader's language (signal types by their names, not codes). */
export function worklistTable(data: WorklistExport, rules: RuleData, t: WorklistT, locale: Locale): ExportTable {
  const yn = (b: boolean) => (b ? t('yes') : t('no'));
  const rows: Cell[][] = data.rows.map((r) => [
    Number(r.id),
    addressOfKey(r.addressKey),
    r.signalTypes.map((s) => rules.label(s, locale)).join(', '),
    r.amountCents === null ? null : r.amountCents / 100,
    yn(r.crisis),
    yn(r.multiple),
    yn(r.consecutive),
    t(STATUS_KEY[r.status]),
    r.due.due,
    t(STATE_KEY[r.due.state]),
    r.assignedName ?? '',
    r.queueId ? (data.queueNames.get(r.queueId) ?? '') : t('unqueued'),
    r.district ?? '',
    r.area,
  ]);
  if (data.truncated) rows.push([t('exportTruncated', { n: data.rows.length })]);
  return {
    headers: [t('colCase'), t('colAddress'), t('colSignals'), t('colAmount'), t('colCrisis'), t('colMultiple'), t('colConsecutive'), t('colStatus'), t('colDueDate'), t('colDueState'), t('colAssigned'), t('colQueue'), t('colDistrict'), t('colArea')],
    rows,
  };
}

type Statistics = Awaited<ReturnType<typeof getWorklistStatistics>>;

export function workerTable(s: Statistics, t: WorklistT): ExportTable {
  return {
    headers: [t('worker'), t('statsAssigned'), t('statsPickedUp'), t('statsAttempts'), t('statsClosed'), t('statsOverdue')],
    rows: s.perWorker.map((w) => [w.name, w.assigned, w.pickedUp, w.contactAttempts, w.closed, w.overdue]),
  };
}

export function areaLabel(a: { area: string; cbs: boolean }, t: WorklistT): string {
  return a.cbs ? t('statsAreaCbs', { code: a.area }) : t('statsAreaPc4', { pc4: a.area });
}

export function areaTable(s: Statistics, t: WorklistT): ExportTable {
  return {
    headers: [t('colArea'), t('statsNewCases'), t('statsPickedUp'), t('statsClosed'), t('statsOpenNow'), t('statsOverdue')],
    rows: s.perArea.map((a) => [areaLabel(a, t), a.newCases, a.pickedUp, a.closed, a.open, a.overdue]),
  };
}

/**
 * CSV as Dutch spreadsheets open it: ';' between fields (the decimal separator is a comma), a byte
 * order mark for UTF-8, amounts with a decimal comma in Dutch, and no cell a spreadsheet would run as a formula.
 */
export function csvOf(table: ExportTable, locale: Locale): string {
  return stringify([table.headers, ...table.rows], {
    delimiter: ';',
    bom: true,
    cast: { string: neutraliseCell, number: (n) => (locale === 'nl' ? String(n).replace('.', ',') : String(n)) },
  });
}

/** An XLSX workbook with one sheet per table: bold header, numbers as numbers (text cells are typed as text, so none runs as a formula). */
export async function xlsxOf(sheets: ReadonlyArray<{ name: string; table: ExportTable }>): Promise<Buffer> {
  const data: SheetData[] = sheets.map(({ table }) => [
    table.headers.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...table.rows.map((r) => r.map((v) => (typeof v === 'string' ? { value: v, type: String } : v === null ? null : { value: v, type: Number }))),
  ]);
  return writeXlsxFile(
    data.map((d, i) => ({ data: d, sheet: sheets[i]!.name.slice(0, 31) })),
    {},
  ).toBuffer();
}
