import { appendAudit } from '../../db/repositories/audit.ts';
import { getOrganisation, upsertOrganisation } from '../../db/repositories/organisations.ts';
import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import type { AppDeps } from '../../app/context.ts';
import { createApiKey } from '../../app/users/create-api-key.ts';

/**
 * Onboards the simulated creditors: those the registers do not name (landlords, energy companies,
 * insurers of the synthetic population) become organisations with their creditor kinds, and every
 * one gets an API key of its own — the simulation delivers with it like a real sender. Returns
 * sender id → token, and whether the rule judge must reload its organisations.
 */
export async function onboardSenders(deps: AppDeps, profiles: readonly OrganisationProfile[]): Promise<{ tokens: Map<string, string>; added: string[] }> {
  const tokens = new Map<string, string>();
  const added: string[] = [];
  for (const p of profiles) {
    const existing = await getOrganisation(deps.db, p.id);
    if (!existing) {
      await upsertOrganisation(deps.db, { id: p.id, name: p.name, kind: 'creditor', creditor_kinds: [...p.kinds] });
      const ctx = systemContext(p.id, 'simulatie');
      await appendAudit(deps.db, {
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        activity: 'organisation.onboard',
        actorType: 'system',
        actorId: 'simulatie',
        organisationId: p.id,
        objectType: 'organisation',
        objectIds: [p.id],
        outcome: 'success',
        detail: { kinds: p.kinds, source: p.source ?? 'simulation' },
      });
      added.push(p.id);
    }
    const key = await createApiKey(deps, systemContext(p.id, 'simulatie'), { name: 'simulatie', scopes: ['signals:submit', 'signals:read-own', 'batches:manage'] });
    tokens.set(p.id, key.token);
  }
  return { tokens, added };
}
