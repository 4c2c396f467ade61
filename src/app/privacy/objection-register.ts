import { appendAudit } from '../../db/repositories/audit.ts';
import { userNames } from '../../db/repositories/audit-read.ts';
import { deleteObjection, listObjections } from '../../db/repositories/resident-objections.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { requireMunicipalityStaff } from './municipality-scope.ts';

const LIST_LIMIT = 200;

export interface ObjectionEntry {
  id: string;
  registeredAt: Date;
  registeredBy: string;
  reason: string | null;
  /** How many keys (BSN, address, the spellings senders used) the objection covers. */
  keys: number;
}

/** The municipality's objections in force, newest first (at most 200). Reading the list is recorded. */
export async function listOwnObjections(deps: AppDeps, ctx: CallContext): Promise<ObjectionEntry[]> {
  const municipality = requireMunicipalityStaff(ctx, 'objections:register');
  const rows = await listObjections(deps.db, municipality, LIST_LIMIT);
  await appendAudit(deps.db, { ...auditBy(ctx), activity: 'objection.list', objectType: 'objection', objectIds: rows.map((r) => r.objection), outcome: 'success' });
  const names = await userNames(deps.db, rows.map((r) => r.registered_by));
  return rows.map((r) => ({ id: r.objection, registeredAt: new Date(r.registered_at), registeredBy: names.get(r.registered_by) ?? r.registered_by, reason: r.reason, keys: r.keys }));
}

/**
 * The resident withdraws their objection: intake accepts new signals about them again. What the
 * objection removed stays removed. The audit record keeps whom it concerned (as pseudonyms), so
 * the withdrawal can be accounted for after the row is gone. Returns false when the municipality
 * has no such objection.
 */
export async function withdrawObjection(deps: AppDeps, ctx: CallContext, objectionId: string): Promise<boolean> {
  const municipality = requireMunicipalityStaff(ctx, 'objections:register');
  return deps.db.transaction().execute(async (trx) => {
    const pseudonyms = await deleteObjection(trx, municipality, objectionId);
    if (pseudonyms.length === 0) return false;
    await appendAudit(trx, {
      ...auditBy(ctx),
      organisationId: municipality,
      activity: 'subject.objection.withdraw',
      objectType: 'objection',
      objectIds: [objectionId],
      subjectPseudonyms: [...new Set(pseudonyms)],
      outcome: 'success',
      detail: { keys: pseudonyms.length },
    });
    return true;
  });
}
