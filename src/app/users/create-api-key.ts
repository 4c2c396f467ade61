import { requirePermission } from '../../domain/access/actor.ts';
import { API_KEY_SCOPES, scopesBeyond, type ApiKeyScope } from '../../domain/access/roles.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../db/repositories/api-keys.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { generateApiKeySecret } from '../auth/api-key-format.ts';
import { forgetApiKey } from '../auth/authenticate.ts';
import type { AppDeps, CallContext } from '../context.ts';

export class InvalidScopes extends Error {}

/** A key was asked for rights its creator does not have. */
export class ScopesBeyondCreator extends Error {
  constructor(public readonly scopes: readonly string[]) {
    super(`scopes beyond the creator's own rights: ${scopes.join(', ')}`);
  }
}

/**
 * Creates an API key for the caller's own organisation. The token is returned once and never
 * stored; only its hash is kept. Rotation = create a new key, switch, revoke the old one.
 */
export async function createApiKey(
  deps: AppDeps,
  ctx: CallContext,
  input: { name: string; scopes: readonly string[]; expiresAt?: Date | null },
): Promise<{ id: string; token: string; prefix: string }> {
  requirePermission(ctx.actor, 'users:manage');
  const bad = input.scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (bad.length > 0 || input.scopes.length === 0) throw new InvalidScopes(`unknown or no scopes: ${bad.join(', ')}`);
  const beyond = scopesBeyond(ctx.actor.permissions, input.scopes);
  if (beyond.length > 0) {
    await appendAudit(deps.db, { traceId: ctx.traceId, spanId: ctx.spanId, activity: 'api-key.create', actorType: ctx.actor.type, actorId: ctx.actor.id, organisationId: ctx.actor.organisationId, objectType: 'api_key', outcome: 'refused', detail: { beyond } });
    throw new ScopesBeyondCreator(beyond);
  }
  const secret = generateApiKeySecret();
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertApiKey(trx, {
      organisationId: ctx.actor.organisationId,
      name: input.name,
      prefix: secret.prefix,
      secretHash: secret.secretHash,
      scopes: input.scopes as ApiKeyScope[],
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      expiresAt: input.expiresAt ?? null,
    });
    await appendAudit(trx, {
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      activity: 'api-key.create',
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      organisationId: ctx.actor.organisationId,
      objectType: 'api_key',
      objectIds: [id],
      outcome: 'success',
    });
    return { id, token: secret.token, prefix: secret.prefix };
  });
}

export async function revokeOwnApiKey(deps: AppDeps, ctx: CallContext, id: string): Promise<boolean> {
  requirePermission(ctx.actor, 'users:manage');
  return deps.db.transaction().execute(async (trx) => {
    const ok = await revokeApiKey(trx, ctx.actor.organisationId, id);
    forgetApiKey(id);
    if (ok)
      await appendAudit(trx, {
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        activity: 'api-key.revoke',
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        organisationId: ctx.actor.organisationId,
        objectType: 'api_key',
        objectIds: [id],
        outcome: 'success',
      });
    return ok;
  });
}

export async function listOwnApiKeys(deps: AppDeps, ctx: CallContext) {
  requirePermission(ctx.actor, 'users:manage');
  return listApiKeys(deps.db, ctx.actor.organisationId);
}
