import { requirePermission } from '../../domain/access/actor.ts';
import { getBatch, pageBatchResults } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import type { ResultLine } from './result-csv.ts';

type StoredRefusal = ResultLine['refusals'][number];

/** Pages through a batch's per-row results in row order, for download. Undefined: not this organisation's batch. */
export async function openBatchResults(deps: AppDeps, ctx: CallContext, batchId: string, pageSize = 10_000) {
  requirePermission(ctx.actor, 'batches:manage');
  const batch = await getBatch(deps.db, ctx.actor.organisationId, batchId);
  if (!batch) return undefined;
  async function* pages(): AsyncGenerator<ResultLine[]> {
    let after = 0;
    for (;;) {
      const rows = await pageBatchResults(deps.db, batchId, after, pageSize);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.row_no;
      yield rows.map((r) => ({
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
