/**
 * The demo identity providers on their own (issue 19 point 3): a municipality's single sign-on,
 * an eHerkenning broker and a DigiD broker, each a real OpenID provider with the demo accounts.
 *
 *   npm run idp -- [--profile municipal|eherkenning|digid|all] [--port 4010]
 *     [--platform-url http://127.0.0.1:8080] [--redirect-uri URL ...] [--post-logout-redirect-uri URL ...]
 *
 * With --profile all (the default) the three listen on --port, --port+1 and --port+2. The client
 * registration printed is what the platform's SSO configuration needs.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RunningIdentityProvider } from '../identity-provider/server.ts';
import { fullScope, type IdentityProfile } from '../identity-provider/profiles.ts';
import { DEMO_PROVIDERS, startDemoIdentityProviders } from '../identity-provider/demo-providers.ts';
import {
  DEMO_DIGID_ACCOUNTS,
  DEMO_EHERKENNING_ACCOUNTS,
  DEMO_IDP_CLIENT,
  DEMO_IDP_PASSWORD,
  DEMO_MUNICIPAL_ACCOUNTS,
} from '../identity-provider/demo-accounts.ts';

const PROFILES: readonly IdentityProfile[] = ['municipal', 'eherkenning', 'digid'];

function accountLines(profile: IdentityProfile): string[] {
  if (profile === 'municipal') return DEMO_MUNICIPAL_ACCOUNTS.map((a) => `    ${a.username}  groups: ${a.groups.join(', ')}`);
  if (profile === 'eherkenning') return DEMO_EHERKENNING_ACCOUNTS.map((a) => `    ${a.username}  KvK ${a.kvkNumber} (${a.companyName}), ${a.level}`);
  return DEMO_DIGID_ACCOUNTS.map((a) => `    ${a.username}  DigiD ${a.level} (test BSN)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'all' },
      port: { type: 'string', default: '4010' },
      'platform-url': { type: 'string', default: process.env.PUBLIC_URL ?? 'http://127.0.0.1:8080' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run idp -- [--profile municipal|eherkenning|digid|all] [--port 4010] [--platform-url URL] [--redirect-uri URL ...] [--post-logout-redirect-uri URL ...]');
    return;
  }
  const profiles = values.profile === 'all' ? PROFILES : PROFILES.filter((p) => p === values.profile);
  if (profiles.length === 0) throw new Error(`unknown profile ${values.profile}`);
  const platform = values['platform-url'].replace(/\/$/, '');
  const redirectUris = values['redirect-uri'] ?? [`${platform}/auth/oidc/callback`];
  const postLogout = values['post-logout-redirect-uri'] ?? [`${platform}/`];
  const firstPort = Number(values.port);

  const started = await startDemoIdentityProviders({ redirectUris, postLogoutRedirectUris: postLogout, profiles, port: firstPort });
  const running: RunningIdentityProvider[] = [];
  for (const profile of profiles) {
    const idp = started[profile];
    if (!idp) continue;
    running.push(idp);
    console.log(`${DEMO_PROVIDERS[profile].name} (${profile})`);
    console.log(`  issuer:     ${idp.issuer}`);
    console.log(`  discovery:  ${idp.issuer}/.well-known/openid-configuration`);
    console.log(`  scope:      ${fullScope(profile)}`);
    console.log('  accounts (password ' + DEMO_IDP_PASSWORD + '):');
    for (const line of accountLines(profile)) console.log(line);
  }
  console.log('client registration (every provider):');
  console.log(`  client_id:     ${DEMO_IDP_CLIENT.clientId}`);
  console.log(`  client_secret: ${DEMO_IDP_CLIENT.clientSecret}  (client_secret_basic)`);
  console.log(`  redirect_uris: ${redirectUris.join(' ')}`);
  console.log(`  post_logout_redirect_uris: ${postLogout.join(' ')}`);
  console.log('Ctrl-C stops the providers.');

  const stop = () => {
    void Promise.all(running.map((r) => r.stop())).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
