import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { startIdentityProvider } from './server.ts';
import { CookieJar, follow, formAction, logInOverHttp, step } from './http-login.ts';
import { DEMO_DIGID_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from './demo-accounts.ts';
import { identityProviderMessages } from './messages.ts';
import { authorizationRequest, CLIENT, REDIRECT, relyingParty, start, stopProviders } from './test-support.ts';

after(stopProviders);

const LOGIN_ERROR = identityProviderMessages('nl')('loginError');

test('a wrong password is refused on the page, with the error announced; an unknown user too', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const config = await relyingParty(idp);
  for (const [username, password] of [
    [DEMO_MUNICIPAL_ACCOUNTS[0]!.username, 'niet-het-wachtwoord'],
    ['niemand@amsterdam.demo', DEMO_IDP_PASSWORD],
  ] as const) {
    const req = await authorizationRequest(config, 'openid');
    const login = await logInOverHttp(req.url, username, password);
    assert.equal(login.callbackUrl, undefined);
    assert.equal(login.page?.status, 401);
    assert.match(login.page?.body ?? '', new RegExp(`role="alert">${LOGIN_ERROR}<`));
    assert.match(login.page?.body ?? '', /aria-invalid="true" aria-describedby="login-error"/);
    // The same interaction still works with the right password.
    const retry = await step(login.jar, formAction(login.page?.body ?? '', login.page?.url ?? '', 'Inloggen'), {
      form: { username: DEMO_MUNICIPAL_ACCOUNTS[0]!.username, password: DEMO_IDP_PASSWORD },
    });
    const back = await follow(login.jar, retry, new URL(idp.issuer).origin);
    assert.equal(typeof back, 'string');
    assert.ok(new URL(back as string).searchParams.get('code'));
  }
});

test('Annuleren sends the browser back with access_denied', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const config = await relyingParty(idp);
  const req = await authorizationRequest(config, 'openid');
  const jar = new CookieJar();
  const page = await follow(jar, await step(jar, req.url), new URL(idp.issuer).origin);
  assert.ok(typeof page !== 'string');
  const aborted = await follow(jar, await step(jar, formAction(page.body, page.url, 'Annuleren'), { form: {} }), new URL(idp.issuer).origin);
  const back = new URL(aborted as string);
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), req.state);
});

test('an authorization request without PKCE is refused, and so is a code redeemed without its verifier', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const config = await relyingParty(idp);
  const noPkce = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: oidc.randomState(), nonce: oidc.randomNonce() });
  const jar = new CookieJar();
  const refused = await step(jar, noPkce.href);
  assert.equal(refused.status, 303);
  const back = new URL(refused.location ?? '');
  assert.equal(back.origin + back.pathname, REDIRECT);
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.match(back.searchParams.get('error_description') ?? '', /PKCE/);

  const plain = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
  const refusedPlain = new URL((await step(jar, plain.href)).location ?? '');
  assert.equal(refusedPlain.searchParams.get('error'), 'invalid_request');

  const req = await authorizationRequest(config, 'openid');
  const login = await logInOverHttp(req.url, DEMO_MUNICIPAL_ACCOUNTS[0]!.username, DEMO_IDP_PASSWORD);
  await assert.rejects(
    oidc.authorizationCodeGrant(config, new URL(login.callbackUrl ?? ''), { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: req.state, expectedNonce: req.nonce }),
    (e: unknown) => (e as { error?: string }).error === 'invalid_grant',
  );
});

test('a client with a wrong secret gets no tokens', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const good = await relyingParty(idp);
  const req = await authorizationRequest(good, 'openid');
  const login = await logInOverHttp(req.url, DEMO_MUNICIPAL_ACCOUNTS[0]!.username, DEMO_IDP_PASSWORD);
  const bad = await relyingParty(idp, oidc.ClientSecretBasic('not-the-secret'));
  await assert.rejects(
    oidc.authorizationCodeGrant(bad, new URL(login.callbackUrl ?? ''), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce }),
    // 401 with a WWW-Authenticate challenge naming the error (client_secret_basic).
    (e: unknown) => e instanceof oidc.WWWAuthenticateChallengeError && e.cause[0]?.parameters.error === 'invalid_client',
  );
});

test('an issuer elsewhere than http://127.0.0.1 is refused, and so is a client without its secret', async () => {
  await assert.rejects(startIdentityProvider({ profile: 'digid', accounts: DEMO_DIGID_ACCOUNTS, clients: [CLIENT], issuer: 'http://localhost:4999/digid' }), /127\.0\.0\.1/);
  await assert.rejects(
    startIdentityProvider({ profile: 'digid', accounts: DEMO_DIGID_ACCOUNTS, clients: [{ clientId: 'x', redirectUris: [REDIRECT] }] }),
    /needs a clientSecret/,
  );
});
