import { requirePermission } from '../../domain/access/actor.ts';
import { batchResultsBetween, getBatch } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import type { StoredRefusal } from './row-outcomes.ts';
import type { ResultLine } from './result-csv.ts';

/** Pages through a batch's per-row results in row order, for download. Undefined: not this organisation's batch. */
export async function openBatchResults(deps: AppDeps, ctx: CallContext, batchId: string, pageSize = 5_000) {
  requirePermission(ctx.actor, 'batches:manage');
  const batch = await getBatch(deps.db, ctx.actor.organisationId, batchId);
  if (!batch) return undefined;
  const rows = batch.rows_total;
  async function* pages(): AsyncGenerator<ResultLine[]> {
    for (let from = 1; from <= rows; from += pageSize) {
      const page = await batchResultsBetween(deps.db, batchId, from, Math.min(rows, from + pageSize - 1));
      yield page.map((r) => ({
        row: r.row_no,
        reference: r.reference,
        outcome: r.outcome,
        signalId: r.signal_id,
        regulationVersion: r.regulation_version,
        refusals: (r.refusals as StoredRefusal[] | null) ?? [],
      }));
    }
  }
  return { batch, pages: pages() };
}
