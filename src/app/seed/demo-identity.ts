import { upsertProvider } from '../../db/repositories/identity-providers.ts';
import { setKvkNumber } from '../../db/repositories/organisations.ts';
import type { AppDeps } from '../context.ts';
import { CLIENT_CREDENTIAL_PURPOSE } from '../identity/sso-provider.ts';
import type { DigidConnection, EherkenningBroker } from '../identity/sso-settings.ts';

/** The demo's own identity providers as the platform is to use them (src/simulation/demo-identity.ts starts them). */
export interface DemoIdentityConnection {
  municipal: {
    organisationId: string;
    displayName: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
    roleClaim: string;
    roleMap: Record<string, string>;
    allowedEmailDomains: string[];
  };
  eherkenning: EherkenningBroker;
  /** The demo's DigiD-style provider, for the resident's page (/mijn-signaal). */
  digid?: DigidConnection;
  /** Organisation id → KvK number, for the creditors the demo broker's people act for. */
  kvkNumbers: Record<string, string>;
}

/**
 * Connects the demo municipality to the demo provider (again at every start: the provider's port,
 * and so its issuer, may differ) and gives the demo creditors their KvK numbers. The eHerkenning
 * broker is the demo's unless the environment names a real one.
 */
export async function connectDemoIdentity(deps: AppDeps, c: DemoIdentityConnection): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // An earlier start's provider row with another port would hold the same organisation: replaced by the upsert.
    await upsertProvider(
      trx,
      c.municipal.organisationId,
      {
        displayName: c.municipal.displayName,
        issuer: c.municipal.issuer,
        clientId: c.municipal.clientId,
        clientAuth: 'client_secret_basic',
        clientCredentialSealed: deps.secrets.seal(CLIENT_CREDENTIAL_PURPOSE, c.municipal.clientSecret),
        scopes: 'openid email profile groups',
        roleClaim: c.municipal.roleClaim,
        roleMap: c.municipal.roleMap,
        allowedEmailDomains: c.municipal.allowedEmailDomains,
        enabled: true,
      },
      null,
    );
    for (const [organisationId, kvk] of Object.entries(c.kvkNumbers)) await setKvkNumber(trx, organisationId, kvk);
  });
  deps.sso.eherkenning ??= c.eherkenning;
  if (c.digid) deps.sso.digid ??= c.digid;
}
