import { appendAudit } from '../../db/repositories/audit.ts';
import { getBatch } from '../../db/repositories/batches.ts';
import { getBatchResultRow } from '../../db/repositories/creditor-portal.ts';
import type { ResultLine } from '../intake/file/result-csv.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import type { ResultRow } from './batch-results-page.ts';
import { BATCH_ID, ownOrganisation } from './sender-access.ts';

/** "Why was this row refused?": one row of one of the organisation's batches, with its refusals as stored. */
export async function explainBatchRow(deps: AppDeps, ctx: CallContext, batchId: string, rowNo: number) {
  const org = ownOrganisation(ctx, 'batches:manage');
  if (!BATCH_ID.test(batchId) || !Number.isSafeInteger(rowNo) || rowNo < 1 || rowNo > 2_147_483_647) return undefined;
  const batch = await getBatch(deps.db, org, batchId);
  if (!batch) return undefined;
  const r = await getBatchResultRow(deps.db, batchId, rowNo);
  if (!r) return undefined;
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'batch.row.read', objectType: 'batch', objectIds: [batchId], outcome: 'success', detail: { row: rowNo } });
  const row: ResultRow = {
    row: r.row_no,
    reference: r.reference,
    outcome: r.outcome,
    signalId: r.signal_id,
    regulationVersion: r.regulation_version,
    refusals: (r.refusals as ResultLine['refusals'] | null) ?? [],
  };
  return { batch, row };
}
