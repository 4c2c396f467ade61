import type { DemoIdentityConnection } from '../app/seed/demo-identity.ts';
import { DEFAULT_EHERKENNING_CLAIMS } from '../infra/oidc/eherkenning-config.ts';
import { DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_CLIENT, DEMO_KVK_NUMBERS, DEMO_MUNICIPAL_ACCOUNTS, DEMO_MUNICIPAL_GROUPS, DEMO_SSO_MUNICIPALITY } from './identity-provider/demo-accounts.ts';
import { startIdentityProvider, type RunningIdentityProvider } from './identity-provider/server.ts';

export interface DemoIdentity {
  municipal: RunningIdentityProvider;
  eherkenning: RunningIdentityProvider;
  connection: DemoIdentityConnection;
  stop(): Promise<void>;
}

/** On `port`, or a free one when it is taken (a second demo on the same machine). */
async function startOn<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return start(0);
  }
}

/**
 * The demo's own OpenID providers, for `npm start` and the tests: the municipality's (Amsterdam's
 * staff, groups mapped to roles) and an eHerkenning broker (people acting for the demo creditors).
 * `platformUrl`: where the platform is reached, for the redirect URIs registered at both.
 */
export async function startDemoIdentity(opts: { platformUrl: string; municipalPort?: number; eherkenningPort?: number }): Promise<DemoIdentity> {
  const base = opts.platformUrl.replace(/\/+$/, '');
  const client = {
    clientId: DEMO_IDP_CLIENT.clientId,
    clientSecret: DEMO_IDP_CLIENT.clientSecret,
    clientName: DEMO_IDP_CLIENT.clientName,
    redirectUris: [`${base}/sso/terug`],
    postLogoutRedirectUris: [`${base}/inloggen?uitgelogd=1`],
  };
  const quiet = () => {};
  const municipal = await startOn(opts.municipalPort ?? 0, (port) =>
    startIdentityProvider({ profile: 'municipal', accounts: DEMO_MUNICIPAL_ACCOUNTS, clients: [client], port, issuerPath: '/gemeente-amsterdam', name: 'Gemeente Amsterdam (demo)', onServerError: quiet }),
  );
  const eherkenning = await startOn(opts.eherkenningPort ?? 0, (port) =>
    startIdentityProvider({ profile: 'eherkenning', accounts: DEMO_EHERKENNING_ACCOUNTS, clients: [client], port, issuerPath: '/eherkenning', name: 'eHerkenning-makelaar (demo)', onServerError: quiet }),
  );
  const domains = [...new Set(DEMO_MUNICIPAL_ACCOUNTS.map((a) => a.email.slice(a.email.indexOf('@') + 1)))];
  return {
    municipal,
    eherkenning,
    connection: {
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
      await Promise.all([municipal.stop(), eherkenning.stop()]);
    },
  };
}
