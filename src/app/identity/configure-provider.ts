import { requirePermission } from '../../domain/access/actor.ts';
import { readProviderForm, type FieldProblem, type ProviderForm } from '../../domain/identity/provider-form.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { deleteProvider, findProviderOfOrganisation, providerOfIssuer, upsertProvider } from '../../db/repositories/identity-providers.ts';
import { ProviderError } from '../../infra/oidc/relying-party.ts';
import { auditBy, type AppDeps, type CallContext } from '../context.ts';
import { CLIENT_CREDENTIAL_PURPOSE } from './sso-provider.ts';

/** The own organisation's provider as the admin screen shows it: never its secret. */
export async function getOwnProvider(deps: AppDeps, ctx: CallContext) {
  requirePermission(ctx.actor, 'users:manage');
  const row = await findProviderOfOrganisation(deps.db, ctx.actor.organisationId);
  if (!row) return undefined;
  const { client_credential_sealed: _secret, ...shown } = row;
  return shown;
}

export type SaveProviderResult = { saved: true; id: string } | { problems: FieldProblem[] };

/**
 * Saves the own organisation's identity provider (users:manage). The issuer must not be another
 * organisation's: a provider speaks for one organisation only. The provider is asked for its
 * discovery document first, so a typo is found now and not at the first login.
 */
export async function saveOwnProvider(deps: AppDeps, ctx: CallContext, form: ProviderForm): Promise<SaveProviderResult> {
  requirePermission(ctx.actor, 'users:manage');
  const organisationId = ctx.actor.organisationId;
  const existing = await findProviderOfOrganisation(deps.db, organisationId);
  const input = readProviderForm(form, ctx.actor.organisationKind, !!existing);
  if ('problems' in input) return input;
  const holder = await providerOfIssuer(deps.db, input.issuer);
  if (holder && holder.organisation_id !== organisationId) return { problems: [{ field: 'issuer', problem: 'issuerTaken' }] };
  const credentialSealed = input.credential ? deps.secrets.seal(CLIENT_CREDENTIAL_PURPOSE, input.credential) : existing!.client_credential_sealed;
  const credential = input.credential ?? deps.secrets.open(CLIENT_CREDENTIAL_PURPOSE, credentialSealed);
  if (credential === undefined) return { problems: [{ field: 'credential', problem: 'required' }] };
  if (input.enabled) {
    try {
      await deps.sso.relyingParty.configuration({ issuer: input.issuer, clientId: input.clientId, clientAuth: input.clientAuth, credential });
    } catch (e) {
      if (e instanceof ProviderError) return { problems: [{ field: 'issuer', problem: 'discoveryFailed' }] };
      throw e;
    }
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const saved = await upsertProvider(trx, organisationId, { ...input, clientCredentialSealed: credentialSealed }, ctx.actor.type === 'user' ? ctx.actor.id : null);
    await appendAudit(trx, {
      ...auditBy(ctx),
      activity: existing ? 'identity-provider.update' : 'identity-provider.create',
      objectType: 'identity_provider',
      objectIds: [saved],
      outcome: 'success',
      detail: { issuer: input.issuer, enabled: input.enabled, roles: [...new Set(Object.values(input.roleMap))].sort(), domains: input.allowedEmailDomains, credentialChanged: !!input.credential },
    });
    return saved;
  });
  return { saved: true, id };
}

/** Removes the own organisation's provider; its people keep their accounts (an admin may give them a password). */
export async function removeOwnProvider(deps: AppDeps, ctx: CallContext): Promise<boolean> {
  requirePermission(ctx.actor, 'users:manage');
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findProviderOfOrganisation(trx, ctx.actor.organisationId);
    if (!existing) return false;
    await deleteProvider(trx, ctx.actor.organisationId);
    await appendAudit(trx, { ...auditBy(ctx), activity: 'identity-provider.delete', objectType: 'identity_provider', objectIds: [existing.id], outcome: 'success', detail: { issuer: existing.issuer } });
    return true;
  });
}
