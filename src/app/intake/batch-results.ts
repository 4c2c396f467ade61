import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { acceptedResultLinesBetween, getBatch, otherResultsBetween } from '../../db/repositories/batches.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import type { StoredRefusal } from '../../domain/intake/row-outcomes.ts';
import { resultCsvLines, resultHeader } from './result-csv.ts';

/**
 * A batch's per-row results file (header, then one line per row in row order) as pieces of text,
 * read a page of rows at a time, for download. Accepted rows come as lines rendered by the
 * database; the few other rows are rendered here, with their reasons in the caller's language.
 * Every opening is recorded in the audit trail, whichever adapter asked (API or web app).
 * Undefined: not this organisation's batch.
 */
export async function openBatchResults(deps: AppDeps, ctx: CallContext, batchId: string, lang: 'nl' | 'en', pageSize = 20_000) {
  requirePermission(ctx.actor, 'batches:manage');
  const batch = await getBatch(deps.db, ctx.actor.organisationId, batchId);
  if (!batch) return undefined;
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'batch.results.download', objectType: 'batch', objectIds: [batchId], outcome: 'success' });
  const rows = batch.rows_total;
  async function* pages(): AsyncGenerator<string> {
    yield resultHeader();
    for (let from = 1; from <= rows; from += pageSize) {
      const to = Math.min(rows, from + pageSize - 1);
      const others = await otherResultsBetween(deps.db, batchId, from, to);
      const runs = await acceptedResultLinesBetween(deps.db, batchId, from, to, others.map((o) => o.row_no));
      // Piece by piece, not joined: a joined page would be one large string to copy and collect.
      yield* runs[0]!;
      for (const [k, o] of others.entries()) {
        yield resultCsvLines(
          [{ row: o.row_no, reference: o.reference, outcome: o.outcome, signalId: o.signal_id, regulationVersion: o.regulation_version, refusals: (o.refusals as StoredRefusal[] | null) ?? [] }],
          lang,
        );
        yield* runs[k + 1]!;
      }
    }
  }
  return { batch, pages: pages() };
}
