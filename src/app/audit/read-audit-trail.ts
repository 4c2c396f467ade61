import { requirePermission } from '../../domain/access/actor.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { listAuditRecords, userNames, type AuditFilter } from '../../db/repositories/audit-read.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';

const AUDIT_PAGE_SIZE = 100;

export type AuditQuery = Omit<AuditFilter, 'organisationId' | 'limit'> & {
  /** Only the platform operator's auditor may look at another organisation's records. */
  organisation?: string | undefined;
};

/**
 * The audit trail as an auditor or privacy officer reads it (audit:read): the own organisation's
 * records, the platform operator's auditor every organisation's. Reading it is itself recorded, so
 * the trail shows who looked at it.
 */
export async function readAuditTrail(deps: AppDeps, ctx: CallContext, query: AuditQuery) {
  requirePermission(ctx.actor, 'audit:read');
  const organisationId = ctx.actor.organisationKind === 'operator' ? query.organisation || undefined : ctx.actor.organisationId;
  const { organisation: _ignored, ...filter } = query;
  const rows = await listAuditRecords(deps.db, { ...filter, organisationId, limit: AUDIT_PAGE_SIZE + 1 });
  await appendAudit(deps.db, {
    ...auditBy(ctx),
    activity: 'audit.read',
    outcome: 'success',
    ...(query.subject ? { subjectPseudonyms: [query.subject] } : {}),
    detail: {
      ...(query.from ? { from: query.from.toISOString() } : {}),
      ...(query.to ? { to: query.to.toISOString() } : {}),
      ...(query.activity ? { activity: query.activity } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      // Whom the reader looked for is itself worth recording: a search on one subject is a processing.
      ...(query.actor ? { actor: query.actor } : {}),
      ...(organisationId && ctx.actor.organisationKind === 'operator' ? { organisation: organisationId } : {}),
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = await userNames(
    deps.db,
    page.filter((r) => r.actor_type === 'user').map((r) => r.actor_id),
  );
  const last = page.at(-1);
  return {
    records: page.map(({ cursor_at: _cursor, ...r }) => ({ ...r, actor_name: r.actor_type === 'user' ? (names.get(r.actor_id) ?? null) : null })),
    next: rows.length > AUDIT_PAGE_SIZE && last ? { at: last.cursor_at, id: last.id } : undefined,
  };
}
