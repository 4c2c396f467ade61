import { ProviderError, type PendingAuthorization } from '../../infra/oidc/relying-party.ts';
import type { AppDeps } from '../context.ts';
import { auditResident } from './resident-audit.ts';

const FLOW = 'resident-digid-flow';
const SESSION = 'resident-digid-session';
/** Long enough to read one's signals; the page keeps no account and no server-side session. */
export const RESIDENT_SESSION_MINUTES = 15;
const FLOW_MS = 10 * 60_000;

const isBsn = (v: unknown): v is string => typeof v === 'string' && /^\d{9}$/.test(v);

/** Starts a DigiD login: the broker's URL, and the flow to keep sealed in the browser. */
export async function beginDigidLogin(deps: AppDeps, redirectUri: string): Promise<{ url: string; flow: string } | { refused: 'not_configured' | 'provider' }> {
  const digid = deps.sso.digid;
  if (!digid) return { refused: 'not_configured' };
  try {
    const { url, pending } = await deps.sso.relyingParty.authorizationUrl(digid, redirectUri, digid.scopes);
    return { url: url.href, flow: deps.secrets.seal(FLOW, JSON.stringify({ ...pending, expiresAt: deps.now().getTime() + FLOW_MS })) };
  } catch (e) {
    if (e instanceof ProviderError) return { refused: 'provider' };
    throw e;
  }
}

/**
 * Finishes it: checks state, nonce and PKCE at the broker, takes the BSN from its claim, and gives a
 * sealed session for the resident's page (the BSN inside, sealed: never readable in the browser,
 * never stored). Audited without the BSN, with its keyed pseudonym.
 */
export async function completeDigidLogin(
  deps: AppDeps,
  input: { flow: string | undefined; callbackUrl: URL; traceId: string; spanId: string },
): Promise<{ session: string; expiresAt: Date } | { refused: 'not_configured' | 'flow' | 'provider' | 'no_bsn' }> {
  const digid = deps.sso.digid;
  if (!digid) return { refused: 'not_configured' };
  const text = input.flow ? deps.secrets.open(FLOW, input.flow) : undefined;
  const pending = text ? (JSON.parse(text) as PendingAuthorization & { expiresAt: number }) : undefined;
  if (!pending || pending.expiresAt < deps.now().getTime()) return { refused: 'flow' };
  let claims: Record<string, unknown>;
  try {
    claims = (await deps.sso.relyingParty.complete(digid, input.callbackUrl, pending)).claims;
  } catch (e) {
    if (e instanceof ProviderError) {
      await auditResident(deps.db, input, { activity: 'resident.digid.login', outcome: 'refused', organisationId: null, detail: { reason: e.code } });
      return { refused: 'provider' };
    }
    throw e;
  }
  const bsn = claims[digid.bsnClaim];
  if (!isBsn(bsn)) return { refused: 'no_bsn' };
  const expiresAt = new Date(deps.now().getTime() + RESIDENT_SESSION_MINUTES * 60_000);
  await auditResident(deps.db, input, { activity: 'resident.digid.login', outcome: 'success', organisationId: null, subjectPseudonyms: [deps.pseudonymize('bsn', bsn)], detail: { via: 'digid' } });
  return { session: deps.secrets.seal(SESSION, JSON.stringify({ bsn, expiresAt: expiresAt.getTime() })), expiresAt };
}

/** The BSN of a valid resident session, else undefined. */
export function residentOfSession(deps: AppDeps, sealed: string | undefined): string | undefined {
  const text = sealed ? deps.secrets.open(SESSION, sealed) : undefined;
  if (!text) return undefined;
  const s = JSON.parse(text) as { bsn: string; expiresAt: number };
  return s.expiresAt > deps.now().getTime() && isBsn(s.bsn) ? s.bsn : undefined;
}
