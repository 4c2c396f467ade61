import { appendAudit } from '../../db/repositories/audit.ts';
import { providerOfIssuer } from '../../db/repositories/identity-providers.ts';
import { ProviderError } from '../../infra/oidc/relying-party.ts';
import { openSession, type OpenedSession } from '../auth/open-session.ts';
import { hashSessionToken } from '../auth/authenticate.ts';
import { findSessionIdentity } from '../../db/repositories/sessions.ts';
import type { AppDeps } from '../context.ts';
import { admitUser, type AdmissionRefusal } from './admit-user.ts';
import { FLOW_TTL_MS, openFlow, sealFlow } from './sso-flow.ts';
import { resolveProvider, type ProviderKey } from './sso-provider.ts';

const ID_TOKEN_PURPOSE = 'oidc-id-token';

export type SsoRefused = AdmissionRefusal | 'unknown-provider' | 'flow' | 'provider';

/** Starts a login at the provider: its URL to send the browser to, and the sealed flow for the cookie. */
export async function beginSsoLogin(
  deps: AppDeps,
  input: { provider: ProviderKey; redirectUri: string; next: string; locale: string },
): Promise<{ url: string; flow: string } | { refused: 'unknown-provider' | 'provider' }> {
  const provider = await resolveProvider(deps, input.provider);
  if (!provider) return { refused: 'unknown-provider' };
  try {
    const { url, pending } = await deps.sso.relyingParty.authorizationUrl(provider.settings, input.redirectUri, provider.scopes, { ui_locales: input.locale });
    return { url: url.href, flow: sealFlow(deps.secrets, { ...pending, provider: input.provider, next: input.next, expiresAt: deps.now().getTime() + FLOW_TTL_MS }) };
  } catch (e) {
    if (e instanceof ProviderError) return { refused: 'provider' };
    throw e;
  }
}

export interface SsoLoggedIn extends OpenedSession {
  next: string;
}

/**
 * Finishes a login on the provider's callback: the code is exchanged at the provider the flow
 * started with (its issuer, its keys; state, nonce and PKCE checked by openid-client), the person
 * admitted into that provider's organisation only, and a session opened. Every refusal is audited.
 */
export async function completeSsoLogin(
  deps: AppDeps,
  input: { flow: string | undefined; callbackUrl: URL; ttlMinutes: number; userAgent?: string | undefined; traceId: string; spanId: string },
): Promise<SsoLoggedIn | { refused: SsoRefused }> {
  const refuse = async (reason: SsoRefused, extra: { organisationId?: string; userId?: string; issuer?: string; code?: string } = {}) => {
    await appendAudit(deps.db, {
      traceId: input.traceId,
      spanId: input.spanId,
      activity: 'session.login',
      actorType: 'user',
      actorId: extra.userId ?? 'unknown',
      organisationId: extra.organisationId ?? null,
      outcome: 'refused',
      detail: { via: 'oidc', reason, ...(extra.issuer ? { issuer: extra.issuer } : {}), ...(extra.code ? { code: extra.code } : {}) },
    });
    return { refused: reason };
  };
  const flow = openFlow(deps.secrets, input.flow, deps.now());
  if (!flow) return refuse('flow');
  const provider = await resolveProvider(deps, flow.provider);
  if (!provider) return refuse('unknown-provider');
  const issuer = provider.settings.issuer;
  const providerOrg = provider.kind === 'organisation' ? provider.row.organisation_id : undefined;
  let answer: Awaited<ReturnType<typeof deps.sso.relyingParty.complete>>;
  try {
    answer = await deps.sso.relyingParty.complete(provider.settings, input.callbackUrl, flow);
  } catch (e) {
    if (e instanceof ProviderError) return refuse('provider', { issuer, code: e.code, ...(providerOrg ? { organisationId: providerOrg } : {}) });
    throw e;
  }
  const via = provider.kind === 'eherkenning' ? 'eherkenning' : 'oidc';
  const result = await deps.db.transaction().execute(async (trx) => {
    const admitted = await admitUser(trx, deps.now(), provider, answer.subject, answer.claims);
    if ('refused' in admitted) return admitted;
    const session = await openSession(trx, deps, {
      userId: admitted.userId,
      organisationId: admitted.organisationId,
      ttlMinutes: input.ttlMinutes,
      via,
      userAgent: input.userAgent,
      traceId: input.traceId,
      spanId: input.spanId,
      detail: { issuer, ...(admitted.created ? { created: true } : {}), ...(admitted.level ? { level: admitted.level } : {}) },
      identity: { issuer, idTokenSealed: deps.secrets.seal(ID_TOKEN_PURPOSE, answer.idToken), ...(admitted.level ? { assuranceLevel: admitted.level } : {}) },
    });
    return { ...session, next: flow.next };
  });
  if ('refused' in result) return refuse(result.refused, { issuer, ...(providerOrg ? { organisationId: providerOrg } : {}) });
  return result;
}

/**
 * Where to send the browser after the platform's own logout, so the provider ends its session too
 * (RP-initiated logout); undefined when the session was not opened through a provider that offers it.
 */
export async function providerLogoutUrl(deps: AppDeps, sessionToken: string, postLogoutRedirectUri: string): Promise<string | undefined> {
  const session = await findSessionIdentity(deps.db, hashSessionToken(sessionToken));
  if (!session?.identity_issuer || !session.id_token_sealed) return undefined;
  const idToken = deps.secrets.open(ID_TOKEN_PURPOSE, session.id_token_sealed);
  if (!idToken) return undefined;
  const settings = await settingsOfIssuer(deps, session.identity_issuer);
  if (!settings) return undefined;
  try {
    return (await deps.sso.relyingParty.endSessionUrl(settings, idToken, postLogoutRedirectUri))?.href;
  } catch (e) {
    if (e instanceof ProviderError) return undefined;
    throw e;
  }
}

async function settingsOfIssuer(deps: AppDeps, issuer: string) {
  if (deps.sso.eherkenning?.issuer === issuer) return deps.sso.eherkenning;
  const row = await providerOfIssuer(deps.db, issuer);
  if (!row) return undefined;
  return (await resolveProvider(deps, { kind: 'organisation', id: row.id }))?.settings;
}
