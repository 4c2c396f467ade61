import type { OrganisationProfile } from '../../domain/registers/registers.ts';
import { systemContext } from '../../app/auth/system-actor.ts';
import type { AppDeps } from '../../app/context.ts';
import { createApiKey } from '../../app/users/create-api-key.ts';
import { onboardCreditor } from '../../app/organisations/onboard-creditor.ts';

/**
 * Onboards the simulated creditors: those the registers do not name (landlords, energy companies,
 * insurers of the synthetic population) become organisations with their creditor kinds, and every
 * one gets an API key of its own — the simulation delivers with it like a real sender. Returns
 * sender id → token, and which were new.
 */
export async function onboardSenders(deps: AppDeps, profiles: readonly OrganisationProfile[]): Promise<{ tokens: Map<string, string>; added: string[] }> {
  const tokens = new Map<string, string>();
  const added: string[] = [];
  for (const p of profiles) {
    if (await onboardCreditor(deps, systemContext(p.id, 'simulatie'), { ...p, source: p.source ?? 'simulation' })) added.push(p.id);
    const key = await createApiKey(deps, systemContext(p.id, 'simulatie'), { name: 'simulatie', scopes: ['signals:submit', 'signals:read-own', 'batches:manage'] });
    tokens.set(p.id, key.token);
  }
  return { tokens, added };
}
