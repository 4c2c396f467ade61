import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { verifyAuditTrail, type AuditVerification } from './verify-audit.ts';

/**
 * The check behind `npm run audit:verify`, asked for on screen by an auditor (audit:read): every
 * sealed link of the chain and the chain against its checkpoints. It reads the whole trail, so it
 * runs only when asked. Undefined when this process was not given the chain's key. The outcome is
 * recorded, so a broken chain found on screen is in the trail too.
 */
export async function verifyAuditTrailOnRequest(deps: AppDeps, ctx: CallContext): Promise<AuditVerification | undefined> {
  requirePermission(ctx.actor, 'audit:read');
  if (!deps.audit) return undefined;
  const v = await verifyAuditTrail(deps.db, deps.audit.macKey, deps.audit.checkpoints);
  await appendAudit(deps.db, {
    ...auditBy(ctx),
    activity: 'audit.verify',
    outcome: 'success',
    detail: { ok: v.ok, checked: v.checked, checkpoints: v.checkpoints, findings: v.findings.length },
  });
  return v;
}
