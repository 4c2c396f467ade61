import type { DemoIdentityConnection } from '../app/seed/demo-identity.ts';
import { DEFAULT_EHERKENNING_CLAIMS } from '../infra/oidc/eherkenning-config.ts';
import { DEMO_IDP_CLIENT, DEMO_KVK_NUMBERS, DEMO_MUNICIPAL_ACCOUNTS, DEMO_MUNICIPAL_GROUPS, DEMO_SSO_MUNICIPALITY } from './identity-provider/demo-accounts.ts';
import type { RunningIdentityProvider } from './identity-provider/server.ts';
import { startDemoIdentityProviders } from './identity-provider/demo-providers.ts';

export interface DemoIdentity {
  municipal: RunningIdentityProvider;
  eherkenning: RunningIdentityProvider;
  /** DigiD-style, for residents on /mijn-signaal. */
  digid: RunningIdentityProvider;
  connection: DemoIdentityConnection;
  stop(): Promise<void>;
}

/**
 * The demo's own OpenID providers, for `npm start` and the tests: the municipality's (Amsterdam's
 * staff, groups mapped to roles) and an eHerkenning broker (people acting for the demo creditors),
 * on `port` and the one after it, or free ports when taken (a second demo on the same machine).
 * `platformUrl`: where the platform is reached, for the redirect URIs registered at both.
 */
export async function startDemoIdentity(opts: { platformUrl: string; port?: number }): Promise<DemoIdentity> {
  const base = opts.platformUrl.replace(/\/+$/, '');
  const start = (port: number) =>
    startDemoIdentityProviders({ redirectUris: [`${base}/sso/terug`, `${base}/mijn-signaal/digid/terug`], postLogoutRedirectUris: [`${base}/inloggen?uitgelogd=1`], profiles: ['municipal', 'eherkenning', 'digid'], port });
  const started = await start(opts.port ?? 0).catch((e: unknown) => {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return start(0);
  });
  const municipal = started.municipal!;
  const eherkenning = started.eherkenning!;
  const digid = started.digid!;
  const domains = [...new Set(DEMO_MUNICIPAL_ACCOUNTS.map((a) => a.email.slice(a.email.indexOf('@') + 1)))];
  return {
    municipal,
    eherkenning,
    digid,
    connection: {
      digid: { issuer: digid.issuer, clientId: DEMO_IDP_CLIENT.clientId, clientAuth: 'client_secret_basic', credential: DEMO_IDP_CLIENT.clientSecret, scopes: 'openid bsn', bsnClaim: 'bsn' },
      municipal: {
        organisationId: DEMO_SSO_MUNICIPALITY,
        displayName: 'Gemeente Amsterdam (demo-identiteitsprovider)',
        issuer: municipal.issuer,
        clientId: DEMO_IDP_CLIENT.clientId,
        clientSecret: DEMO_IDP_CLIENT.clientSecret,
        roleClaim: 'groups',
        roleMap: { [DEMO_MUNICIPAL_GROUPS.worker]: 'municipal_worker', [DEMO_MUNICIPAL_GROUPS.coordinator]: 'municipal_coordinator' },
        allowedEmailDomains: domains,
      },
      eherkenning: {
        issuer: eherkenning.issuer,
        clientId: DEMO_IDP_CLIENT.clientId,
        clientAuth: 'client_secret_basic',
        credential: DEMO_IDP_CLIENT.clientSecret,
        scopes: 'openid profile eherkenning',
        claims: DEFAULT_EHERKENNING_CLAIMS,
        displayName: 'eHerkenning (demo)',
      },
      kvkNumbers: { ...DEMO_KVK_NUMBERS },
    },
    stop: async () => {
      await Promise.all([municipal.stop(), eherkenning.stop(), digid.stop()]);
    },
  };
}
