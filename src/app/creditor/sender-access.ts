import { requirePermission } from '../../domain/access/actor.ts';
import type { Permission } from '../../domain/access/roles.ts';
import type { CallContext } from '../context.ts';

/** The organisation whose batches and signals the caller may see, after checking the permission. */
export function ownOrganisation(ctx: CallContext, permission: Permission): string {
  requirePermission(ctx.actor, permission);
  return ctx.actor.organisationId;
}

/** Batch ids are UUIDs; anything else cannot be one of yours (and must not reach a uuid cast). */
export const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Signal ids are bigserials. */
export const SIGNAL_ID = /^[1-9][0-9]{0,17}$/;
