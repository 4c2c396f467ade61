import { getBatch } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { BATCH_ID, ownOrganisation } from './sender-access.ts';

/** One of the organisation's batches with its progress; undefined when it is not theirs. */
export async function getOwnBatch(deps: AppDeps, ctx: CallContext, batchId: string) {
  const org = ownOrganisation(ctx, 'batches:manage');
  if (!BATCH_ID.test(batchId)) return undefined;
  return getBatch(deps.db, org, batchId);
}

export type OwnBatch = NonNullable<Awaited<ReturnType<typeof getOwnBatch>>>;
