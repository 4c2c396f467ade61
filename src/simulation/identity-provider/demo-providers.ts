/**
 * The demo's three identity providers at once, as `npm run idp` and the demo start-up run them:
 * Amsterdam's single sign-on, an eHerkenning broker and a DigiD broker, each with its demo
 * accounts and the platform registered as client `DEMO_IDP_CLIENT`.
 */
import { startIdentityProvider, type RunningIdentityProvider } from './server.ts';
import type { IdentityProfile } from './profiles.ts';
import { DEMO_DIGID_ACCOUNTS, DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_CLIENT, DEMO_MUNICIPAL_ACCOUNTS } from './demo-accounts.ts';

export const DEMO_PROVIDERS: Record<IdentityProfile, { issuerPath: string; name: string }> = {
  municipal: { issuerPath: '/gemeente-amsterdam', name: 'Gemeente Amsterdam (demo)' },
  eherkenning: { issuerPath: '/eherkenning', name: 'eHerkenning-makelaar (demo)' },
  digid: { issuerPath: '/digid', name: 'DigiD-makelaar (demo)' },
};

export interface DemoProvidersOptions {
  /** Where the providers may send the browser back to after login (the platform's callback). */
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  /** Which to start; default all three. */
  profiles?: readonly IdentityProfile[];
  /** First port; the next profiles get the next ports. 0 (default): free ports. */
  port?: number;
}

export async function startDemoIdentityProviders(opts: DemoProvidersOptions): Promise<Partial<Record<IdentityProfile, RunningIdentityProvider>>> {
  const clients = [{ ...DEMO_IDP_CLIENT, redirectUris: opts.redirectUris, postLogoutRedirectUris: opts.postLogoutRedirectUris }];
  const started: Partial<Record<IdentityProfile, RunningIdentityProvider>> = {};
  try {
    for (const [i, profile] of (opts.profiles ?? (['municipal', 'eherkenning', 'digid'] as const)).entries()) {
      const common = { ...DEMO_PROVIDERS[profile], clients, port: opts.port ? opts.port + i : 0 };
      started[profile] =
        profile === 'municipal' ? await startIdentityProvider({ ...common, profile, accounts: DEMO_MUNICIPAL_ACCOUNTS })
        : profile === 'eherkenning' ? await startIdentityProvider({ ...common, profile, accounts: DEMO_EHERKENNING_ACCOUNTS })
        : await startIdentityProvider({ ...common, profile, accounts: DEMO_DIGID_ACCOUNTS });
    }
  } catch (e) {
    await Promise.all(Object.values(started).map((p) => p.stop()));
    throw e;
  }
  return started;
}
