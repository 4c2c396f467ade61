import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import type { Permission } from '../../domain/access/roles.ts';
import { getOrganisation } from '../../db/repositories/organisations.ts';
import type { AppDeps, CallContext } from '../context.ts';

/**
 * The municipality (CBS code) the caller works for, after checking the permission. Every worklist
 * use case scopes its queries to this code, so a case of another municipality is simply absent.
 */
export async function ownMunicipality(deps: AppDeps, ctx: CallContext, permission: Permission): Promise<string> {
  requirePermission(ctx.actor, permission);
  const org = await getOrganisation(deps.db, ctx.actor.organisationId);
  if (!org || org.kind !== 'municipality' || !org.municipality_code) throw new AccessDenied(permission);
  return org.municipality_code;
}

/** The actor as the audit trail and the case timeline record it. */
export function auditActor(ctx: CallContext) {
  return { traceId: ctx.traceId, spanId: ctx.spanId, actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: ctx.actor.organisationId };
}

export function timelineActor(ctx: CallContext) {
  return { actorType: ctx.actor.type, actorId: ctx.actor.id, actorLabel: ctx.actor.label };
}

/** Thrown when the case (or queue, rule, user) does not exist for the caller's municipality. */
export class NotFoundInMunicipality extends Error {}

/** Input a use case refuses, per field, with the reason. */
export class WorklistInputError extends Error {
  constructor(public readonly fields: Record<string, string>) {
    super(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '));
  }
}
