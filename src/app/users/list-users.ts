import { requirePermission } from '../../domain/access/actor.ts';
import { ROLES_BY_ORGANISATION_KIND } from '../../domain/access/roles.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { listUsers } from '../../db/repositories/users.ts';
import { openInvitations } from '../../db/repositories/email-tokens.ts';
import { NO_PASSWORD } from '../auth/passwords.ts';
import type { AppDeps, CallContext } from '../context.ts';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  /** Invited and no password chosen yet: whether the newest invitation still works. */
  invitation?: 'open' | 'expired';
}

/** The users of the caller's own organisation, by name. */
export async function listOwnUsers(deps: AppDeps, ctx: CallContext): Promise<UserView[]> {
  requirePermission(ctx.actor, 'users:manage');
  const invited = await openInvitations(deps.db, ctx.actor.organisationId, NO_PASSWORD);
  const now = deps.now();
  return (await listUsers(deps.db, ctx.actor.organisationId)).map((u) => {
    const until = invited.get(u.id);
    return { id: String(u.id), email: u.email, displayName: u.display_name, roles: u.roles, disabled: u.disabled_at !== null, ...(until ? { invitation: until > now ? ('open' as const) : ('expired' as const) } : {}) };
  });
}

/** The roles a user of the caller's own organisation may be given (they depend on its kind). */
export async function assignableRoles(deps: AppDeps, ctx: CallContext): Promise<readonly string[]> {
  requirePermission(ctx.actor, 'users:manage');
  return ROLES_BY_ORGANISATION_KIND[(await getOrganisation(deps.db, ctx.actor.organisationId))?.kind ?? ''] ?? [];
}
