import { requirePermission } from '../../domain/access/actor.ts';
import { scopesBeyond, type ApiKeyScope } from '../../domain/access/roles.ts';
import { ScopesBeyondCreator } from './create-api-key.ts';
import { insertApiKey } from '../../db/repositories/api-keys.ts';
import { lockRotatableKey, retireApiKey } from '../../db/repositories/api-key-rotation.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { generateApiKeySecret } from '../auth/api-key-format.ts';
import { forgetApiKey } from '../auth/authenticate.ts';
import type { AppDeps, CallContext } from '../context.ts';

/** Longest overlap allowed: a leaked old key must not live on for long. */
export const MAX_ROTATION_OVERLAP_HOURS = 30 * 24;
export const DEFAULT_ROTATION_OVERLAP_HOURS = 7 * 24;

export class RotationRefused extends Error {}

/**
 * Rotates an API key: a new key with the same name and scopes replaces the old one, and the old one
 * keeps working for an overlap period (default 7 days, at most 30; 0 ends it at once) so the
 * client can switch without downtime. The new token is returned once. Returns undefined when the
 * organisation has no such key.
 */
export async function rotateApiKey(
  deps: AppDeps,
  ctx: CallContext,
  input: { apiKeyId: string; overlapHours?: number },
): Promise<{ id: string; token: string; prefix: string; oldKeyExpiresAt: string } | undefined> {
  requirePermission(ctx.actor, 'users:manage');
  const overlap = input.overlapHours ?? DEFAULT_ROTATION_OVERLAP_HOURS;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_ROTATION_OVERLAP_HOURS)
    throw new RotationRefused(`overlapHours must be a whole number from 0 to ${MAX_ROTATION_OVERLAP_HOURS}`);
  const now = deps.now();
  const secret = generateApiKeySecret();
  const out = await deps.db.transaction().execute(async (trx) => {
    const old = await lockRotatableKey(trx, ctx.actor.organisationId, input.apiKeyId);
    if (!old) return undefined;
    if (old.revoked_at || (old.expires_at && new Date(old.expires_at) <= now)) throw new RotationRefused('this key is revoked or expired; create a new key instead');
    if (old.replaced_by) throw new RotationRefused('this key was already rotated; rotate its replacement');
    // A rotation makes a new key: it may not carry more than the person rotating holds.
    const beyond = scopesBeyond(ctx.actor.permissions, old.scopes);
    if (beyond.length > 0) throw new ScopesBeyondCreator(beyond);
    const id = await insertApiKey(trx, {
      organisationId: ctx.actor.organisationId,
      name: old.name,
      prefix: secret.prefix,
      secretHash: secret.secretHash,
      scopes: old.scopes as ApiKeyScope[],
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      expiresAt: null,
    });
    const until = new Date(now.getTime() + overlap * 3600_000);
    await retireApiKey(trx, old.id, id, until);
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'api-key.rotate',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'api_key',
      objectIds: [old.id, id],
      outcome: 'success',
      detail: { overlapHours: overlap },
    });
    const oldExpiry = old.expires_at && new Date(old.expires_at) < until ? new Date(old.expires_at) : until;
    return { id, token: secret.token, prefix: secret.prefix, oldKeyExpiresAt: oldExpiry.toISOString() };
  });
  // This process re-reads the old key's new expiry at once; others within the cache's few seconds.
  forgetApiKey(input.apiKeyId);
  return out;
}
