import { requirePermission } from '../../domain/access/actor.ts';
import { ROLES_BY_ORGANISATION_KIND } from '../../domain/access/roles.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deleteSessionsOfUser } from '../../db/repositories/sessions.ts';
import { updateUserAccess } from '../../db/repositories/users.ts';
import type { AppDeps, CallContext } from '../context.ts';
import { UserInputError } from './create-user.ts';

/**
 * Changes the roles of a user of the caller's own organisation, or disables / enables the user.
 * An admin cannot take away their own user management or disable themselves (no lock-out).
 * Returns false when the user is not of the caller's organisation.
 */
export async function updateUser(deps: AppDeps, ctx: CallContext, userId: string, input: { roles: string[]; disabled: boolean }): Promise<boolean> {
  requirePermission(ctx.actor, 'users:manage');
  const org = await getOrganisation(deps.db, ctx.actor.organisationId);
  if (!org) return false;
  const allowed = (ROLES_BY_ORGANISATION_KIND[org.kind] ?? []) as readonly string[];
  const bad = input.roles.filter((r) => !allowed.includes(r));
  if (input.roles.length === 0 || bad.length) throw new UserInputError(`roles not allowed for a ${org.kind}: ${bad.join(', ') || '(none given)'}; allowed: ${allowed.join(', ')}`);
  if (userId === ctx.actor.id && (input.disabled || !input.roles.some((r) => r.endsWith('_admin')))) throw new UserInputError('you cannot disable yourself or take away your own user management');
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await updateUserAccess(trx, org.id, userId, { roles: [...new Set(input.roles)], disabledAt: input.disabled ? deps.now() : null }))) return false;
    // A disabled user's sessions end at once.
    if (input.disabled) await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, { traceId: ctx.traceId, spanId: ctx.spanId, activity: 'user.update', actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: org.id, objectType: 'user', objectIds: [userId], outcome: 'success', detail: { roles: input.roles, disabled: input.disabled } });
    return true;
  });
}
