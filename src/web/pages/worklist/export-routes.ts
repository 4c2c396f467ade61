import { Readable } from 'node:stream';
import { exportWorklist } from '../../../app/worklist/export-worklist.ts';
import { WorklistInputError } from '../../../app/worklist/own-municipality.ts';
import { getWorklistStatistics } from '../../../app/worklist/worklist-statistics.ts';
import { webDownload, type FileDownload } from '../creditor/download-route.ts';
import { one, type WebApp } from '../../web-app.ts';
import { areaTable, csvOf, workerTable, worklistTable, xlsxOf, type ExportTable } from './export-files.ts';
import { worklistMessages } from './messages.ts';
import type { RuleData } from './rule-data.ts';

const ACCESS = { permission: 'cases:read', organisationKinds: ['municipality'] } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Query = Record<string, string | string[] | undefined>;

async function fileOf(format: 'csv' | 'xlsx', name: string, sheets: Array<{ name: string; table: ExportTable }>, locale: 'nl' | 'en'): Promise<FileDownload> {
  return format === 'csv'
    ? { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: csvOf(sheets[0]!.table, locale) }
    : { filename: `${name}.xlsx`, contentType: XLSX, body: Readable.from([await xlsxOf(sheets)]) };
}

/** The worklist (with the list's filters) and the capacity statistics (for a period) as CSV and XLSX files (issue 20, point 4). */
export function registerWorklistExports(web: WebApp, rules: RuleData): void {
  for (const format of ['csv', 'xlsx'] as const) {
    webDownload(web, `/werklijst/export.${format}`, ACCESS, async ({ ctx, locale, query }) => {
      const q = query as Query;
      const data = await exportWorklist(
        web.deps,
        ctx,
        { queue: one(q.queue), status: one(q.status), assigned: one(q.assigned), overdue: one(q.overdue) === '1', crisis: one(q.crisis) === '1', signalType: one(q.signalType), q: one(q.q), sort: one(q.sort) },
        format,
        rules.allowed,
      );
      const t = worklistMessages(locale);
      return fileOf(format, `werklijst-${data.today}`, [{ name: t('worklistTitle'), table: worklistTable(data, rules, t, locale) }], locale);
    });
    webDownload(web, `/capaciteit/export.${format}`, ACCESS, async ({ ctx, locale, query }) => {
      const q = query as Query;
      const t = worklistMessages(locale);
      try {
        const s = await getWorklistStatistics(web.deps, ctx, { from: one(q.from), to: one(q.to) }, format);
        const sheets = [
          { name: t('exportWorkers'), table: workerTable(s, t) },
          { name: t('exportAreas'), table: areaTable(s, t) },
        ];
        // A CSV file holds one table: the one asked for (per worker unless per district).
        const chosen = format === 'csv' && one(q.tabel) === 'wijk' ? [sheets[1]!] : sheets;
        return fileOf(format, `capaciteit-${s.from}-${s.to}${format === 'csv' ? (one(q.tabel) === 'wijk' ? '-wijk' : '-behandelaar') : ''}`, chosen, locale);
      } catch (e) {
        if (e instanceof WorklistInputError) return undefined;
        throw e;
      }
    });
  }
}
