import { appendAudit } from '../../db/repositories/audit.ts';
import { getBatch } from '../../db/repositories/batches.ts';
import { countBatchOutcomes, pageBatchResultRows, type ResultOutcome } from '../../db/repositories/creditor-portal.ts';
import type { ResultLine } from '../intake/file/result-csv.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { BATCH_ID, ownOrganisation } from './sender-access.ts';

export type { ResultOutcome };
export const RESULT_OUTCOMES: readonly ResultOutcome[] = ['accepted', 'refused', 'duplicate', 'conflict'];
export const RESULTS_PAGE_SIZE = 50;

export type ResultRow = ResultLine & { outcome: ResultOutcome };

/**
 * A batch of the caller's organisation with one page of its per-row results (optionally one
 * outcome only). Undefined: no such batch for this organisation. The read is audited: rows carry
 * the sender's references, which point at residents in the sender's own administration.
 */
export async function getBatchResultsPage(deps: AppDeps, ctx: CallContext, batchId: string, opts: { outcome?: ResultOutcome | undefined; page?: number }) {
  const org = ownOrganisation(ctx, 'batches:manage');
  if (!BATCH_ID.test(batchId)) return undefined;
  const batch = await getBatch(deps.db, org, batchId);
  if (!batch) return undefined;
  const counts = await countBatchOutcomes(deps.db, batchId);
  const total = opts.outcome ? counts[opts.outcome] : Math.max(batch.rows_total, counts.accepted + counts.refused + counts.duplicate + counts.conflict);
  const pages = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const rows = await pageBatchResultRows(deps.db, batchId, { ...(opts.outcome ? { outcome: opts.outcome } : {}), page, size: RESULTS_PAGE_SIZE });
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'batch.results.read', objectType: 'batch', objectIds: [batchId], outcome: 'success', detail: { page, outcome: opts.outcome ?? null, rows: rows.length } });
  return {
    batch,
    counts,
    page,
    pages,
    total,
    rows: rows.map(
      (r): ResultRow => ({
        row: r.row_no,
        reference: r.reference,
        outcome: r.outcome,
        signalId: r.signal_id,
        regulationVersion: r.regulation_version,
        refusals: (r.refusals as ResultLine['refusals'] | null) ?? [],
      }),
    ),
  };
}
