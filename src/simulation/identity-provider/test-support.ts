/**
 * What the identity provider's tests share: a relying party (openid-client, certified) registered at
 * providers started per test, and the authorization request it makes. Every provider started here
 * is stopped when the test file ends (`after(stopProviders)` in each file).
 */
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { startIdentityProvider, type IdentityProviderClient, type RunningIdentityProvider } from './server.ts';
import { logInOverHttp } from './http-login.ts';
import { fullScope, type IdentityProfile } from './profiles.ts';
import { DEMO_IDP_PASSWORD } from './demo-accounts.ts';

// Never requested: the flow stops when the provider redirects here.
export const REDIRECT = 'http://127.0.0.1:9/auth/oidc/callback';
export const LOGGED_OUT = 'http://127.0.0.1:9/';
export const CLIENT: IdentityProviderClient = {
  clientId: 'vroegsignaal-test',
  clientSecret: 'test-secret-0123456789',
  clientName: 'Vroegsignaal',
  redirectUris: [REDIRECT],
  postLogoutRedirectUris: [LOGGED_OUT],
};

const running: RunningIdentityProvider[] = [];

/**
 * Stops the providers started so far. Each test file calls `after(stopProviders)` itself: this
 * module is loaded once per process, and `npm test` runs many files in one process, so a hook
 * registered here would end with the first file and leave the later files' servers running.
 */
export async function stopProviders(): Promise<void> {
  await Promise.all(running.splice(0).map((p) => p.stop()));
}

export async function start<P extends IdentityProfile>(profile: P, accounts: Parameters<typeof startIdentityProvider<P>>[0]['accounts'], extra: { issuerPath?: string; clients?: IdentityProviderClient[] } = {}) {
  const idp = await startIdentityProvider({ profile, accounts, clients: extra.clients ?? [CLIENT], issuerPath: extra.issuerPath });
  running.push(idp);
  return idp;
}

export async function relyingParty(idp: RunningIdentityProvider, auth: oidc.ClientAuth = oidc.ClientSecretBasic(CLIENT.clientSecret), clientId = CLIENT.clientId) {
  return oidc.discovery(new URL(idp.issuer), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

export async function authorizationRequest(config: oidc.Configuration, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, verifier, state, nonce };
}

export async function logInAndRedeem(idp: RunningIdentityProvider, username: string, scope = fullScope(idp.profile)) {
  const config = await relyingParty(idp);
  const req = await authorizationRequest(config, scope);
  const login = await logInOverHttp(req.url, username, DEMO_IDP_PASSWORD);
  assert.ok(login.callbackUrl, `no redirect back: ${login.page?.status} ${login.page?.body.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(login.callbackUrl), {
    pkceCodeVerifier: req.verifier,
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
  return { config, tokens, jar: login.jar, claims: tokens.claims() };
}
