import { listBatches } from '../../db/repositories/batches.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { ownOrganisation } from './sender-access.ts';

/** The organisation's most recent batches, newest first (counts only: no row content). */
export async function listOwnBatches(deps: AppDeps, ctx: CallContext, limit = 50) {
  return listBatches(deps.db, ownOrganisation(ctx, 'batches:manage'), limit);
}
