import { requirePermission } from '../../domain/access/actor.ts';
import { ROLES_BY_ORGANISATION_KIND } from '../../domain/access/roles.ts';
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, passwordProblem } from '../../domain/access/password-rules.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import { findUserByEmail, insertUser } from '../../db/repositories/users.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { AppDeps, CallContext } from '../context.ts';

export class UserInputError extends Error {}

export interface NewUser {
  email: string;
  displayName: string;
  roles: string[];
  locale?: 'nl' | 'en';
}

/** The caller's organisation, once the new user's roles are ones it may hand out and the address is free. */
export async function organisationForNewUser(deps: AppDeps, ctx: CallContext, input: NewUser) {
  requirePermission(ctx.actor, 'users:manage');
  const org = await getOrganisation(deps.db, ctx.actor.organisationId);
  if (!org) throw new UserInputError('organisation not found');
  const allowed = ROLES_BY_ORGANISATION_KIND[org.kind] ?? [];
  const bad = input.roles.filter((r) => !(allowed as readonly string[]).includes(r));
  if (input.roles.length === 0 || bad.length > 0)
    throw new UserInputError(`roles not allowed for a ${org.kind}: ${bad.join(', ') || '(none given)'}; allowed: ${allowed.join(', ')}`);
  if (await findUserByEmail(deps.db, input.email)) throw new UserInputError('a user with this e-mail address exists');
  return org;
}

/** Adds a user to the caller's own organisation, with roles that organisation may hand out. */
export async function createUser(deps: AppDeps, ctx: CallContext, input: NewUser & { password: string }): Promise<string> {
  const org = await organisationForNewUser(deps, ctx, input);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem === 'tooShort' ? `password must be at least ${MIN_PASSWORD_LENGTH} characters` : `password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { organisationId: org.id, email: input.email, displayName: input.displayName, passwordHash, roles: input.roles, ...(input.locale ? { locale: input.locale } : {}) });
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'user.create',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: org.id,
      objectType: 'user',
      objectIds: [id],
      outcome: 'success',
    });
    return id;
  });
}
