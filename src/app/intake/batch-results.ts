import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { getBatch, type BatchResultRow } from '../../db/repositories/batches.ts';
import { pageBatchResultRows } from '../../db/repositories/creditor-portal.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import type { StoredRefusal } from '../../domain/intake/row-outcomes.ts';
import { resultCsvLines, resultHeader, type ResultLine } from './file/result-csv.ts';

/** Lines per piece of result text (~75 KB): small enough to die young in the JavaScript heap once written. */
const LINES_PER_PIECE = 1000;

const lineOf = (r: BatchResultRow): ResultLine => ({
  row: r.row_no,
  reference: r.reference,
  outcome: r.outcome,
  signalId: r.signal_id,
  regulationVersion: r.regulation_version,
  refusals: (r.refusals as StoredRefusal[] | null) ?? [],
});

/**
 * A batch's per-row results file (header, then one line per row in row order) as pieces of text,
 * read a range of rows at a time, for download; every line rendered by result-csv.ts, with its
 * reasons in the caller's language. Every opening is recorded in the audit trail, whichever adapter
 * asked (API or web app). Undefined: not this organisation's batch.
 */
export async function openBatchResults(deps: AppDeps, ctx: CallContext, batchId: string, lang: 'nl' | 'en', pageSize = 10_000) {
  requirePermission(ctx.actor, 'batches:manage');
  const batch = await getBatch(deps.db, ctx.actor.organisationId, batchId);
  if (!batch) return undefined;
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'batch.results.download', objectType: 'batch', objectIds: [batchId], outcome: 'success' });
  const total = batch.rows_total;
  async function* pages(): AsyncGenerator<string> {
    yield resultHeader();
    const read = (page: number) => ((page - 1) * pageSize < total ? pageBatchResultRows(deps.db, batchId, { page, size: pageSize }) : undefined);
    // The next page is read while this one is rendered and written: the database and this thread work at
    // once (two pages of 10,000 rows in memory, as many rows as one page of 20,000 before).
    let next = read(1);
    for (let page = 1; next; page++) {
      const rows = await next;
      next = read(page + 1);
      next?.catch(() => undefined);
      // Piece by piece, not joined: a joined page would be one large string to copy and collect.
      for (let i = 0; i < rows.length; i += LINES_PER_PIECE) yield resultCsvLines(rows.slice(i, i + LINES_PER_PIECE).map(lineOf), lang);
    }
  }
  return { batch, pages: pages() };
}
