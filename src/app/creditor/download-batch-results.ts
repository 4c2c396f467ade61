import { Readable } from 'node:stream';
import { openBatchResults } from '../intake/batch-results.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { BATCH_ID, ownOrganisation } from './sender-access.ts';

/**
 * The per-row results of one of the organisation's batches as the same CSV the API gives
 * (GET /v1/batches/{id}/results), streamed page by page. Undefined: not this organisation's batch.
 */
export async function downloadBatchResults(deps: AppDeps, ctx: CallContext, batchId: string, lang: 'nl' | 'en') {
  ownOrganisation(ctx, 'batches:manage');
  if (!BATCH_ID.test(batchId)) return undefined;
  const opened = await openBatchResults(deps, ctx, batchId, lang);
  if (!opened) return undefined;
  const body = Readable.from(opened.pages);
  return { batch: opened.batch, body };
}
