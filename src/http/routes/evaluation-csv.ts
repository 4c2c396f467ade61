import { stringify } from 'csv-stringify/sync';
import type { EvaluationTable } from '../../domain/evaluation/tables.ts';
import type { Lang } from '../language.ts';
import { neutraliseCell } from '../../domain/csv-cell.ts';
import { textIn } from '../../domain/i18n/index.ts';

/**
 * One evaluation table as CSV (issue 7, point 7): a header of column labels in the asked language,
 * suppressed cells written "<10" (so a reader sees why a figure is missing), unavailable ones empty.
 */
export function tableCsv(t: EvaluationTable, lang: Lang): string {
  const records = t.rows.map((r) =>
    Object.fromEntries(t.columns.map((c) => [c.key, r.suppressed.includes(c.key) ? '<10' : (r[c.key] ?? '')])),
  );
  return stringify(records, { header: true, columns: t.columns.map((c) => ({ key: c.key, header: textIn(c.label, lang) })), bom: true, cast: { string: neutraliseCell } });
}
