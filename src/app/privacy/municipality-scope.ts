import { AccessDenied, requirePermission } from '../../domain/access/actor.ts';
import type { Permission } from '../../domain/access/roles.ts';
import type { CallContext } from '../context.ts';

/**
 * Data-subject requests are handled by staff of the person's municipality, within that
 * municipality's data only: the permission, and an organisation that is a municipality.
 * Returns the municipality code (organisation ids of municipalities are their CBS codes).
 */
export function requireMunicipalityStaff(ctx: CallContext, permission: Permission): string {
  requirePermission(ctx.actor, permission);
  if (ctx.actor.organisationKind !== 'municipality') throw new AccessDenied(`${permission} (municipality staff)`);
  return ctx.actor.organisationId;
}
