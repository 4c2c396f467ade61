import { findProvider, type IdentityProviderRow } from '../../db/repositories/identity-providers.ts';
import type { RelyingPartySettings } from '../../infra/oidc/relying-party.ts';
import type { AppDeps } from '../context.ts';
import type { EherkenningBroker } from './sso-settings.ts';

export const CLIENT_CREDENTIAL_PURPOSE = 'oidc-client-credential';

/** Which provider a login goes through: an organisation's own, or the eHerkenning broker. */
export type ProviderKey = { kind: 'organisation'; id: string } | { kind: 'eherkenning' };

export type ResolvedProvider =
  | { kind: 'organisation'; key: ProviderKey; settings: RelyingPartySettings; scopes: string; row: IdentityProviderRow }
  | { kind: 'eherkenning'; key: ProviderKey; settings: RelyingPartySettings; scopes: string; broker: EherkenningBroker };

export function providerKeyOf(value: string): ProviderKey | undefined {
  if (value === 'eherkenning') return { kind: 'eherkenning' };
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? { kind: 'organisation', id: value.toLowerCase() } : undefined;
}

/** The provider's settings with its credential unsealed; undefined when it is unknown, switched off or its secret cannot be opened. */
export async function resolveProvider(deps: Pick<AppDeps, 'db' | 'secrets' | 'sso'>, key: ProviderKey): Promise<ResolvedProvider | undefined> {
  if (key.kind === 'eherkenning') {
    const broker = deps.sso.eherkenning;
    return broker ? { kind: 'eherkenning', key, settings: broker, scopes: broker.scopes, broker } : undefined;
  }
  const row = await findProvider(deps.db, key.id);
  if (!row?.enabled) return undefined;
  const credential = deps.secrets.open(CLIENT_CREDENTIAL_PURPOSE, row.client_credential_sealed);
  if (credential === undefined) return undefined;
  return {
    kind: 'organisation',
    key,
    settings: { issuer: row.issuer, clientId: row.client_id, clientAuth: row.client_auth, credential },
    scopes: row.scopes,
    row,
  };
}
