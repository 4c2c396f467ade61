import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as oidc from 'openid-client';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startIdentityProvider, type IdentityProviderClient, type RunningIdentityProvider } from './server.ts';
import { CookieJar, follow, formAction, logInOverHttp, step } from './http-login.ts';
import { CLAIMS, EHERKENNING_LEVELS, DIGID_LEVELS, fullScope, type IdentityProfile } from './profiles.ts';
import {
  DEMO_DIGID_ACCOUNTS,
  DEMO_EHERKENNING_ACCOUNTS,
  DEMO_IDP_CLIENT,
  DEMO_IDP_PASSWORD,
  DEMO_KVK_NUMBERS,
  DEMO_MUNICIPAL_ACCOUNTS,
  DEMO_MUNICIPAL_GROUPS,
  DEMO_SSO_MUNICIPALITY,
  DEMO_UNKNOWN_KVK_NUMBER,
} from './demo-accounts.ts';
import { DEMO_SENDERS, DEMO_USERS } from '../../app/seed/demo-organisations.ts';
import { identityProviderMessages } from './messages.ts';
import { startDemoIdentityProviders } from './demo-providers.ts';

const nl = identityProviderMessages('nl');
const LOGIN_HEADING = nl('loginHeading');
const LOGIN_ERROR = nl('loginError');

// Never requested: the flow stops when the provider redirects here.
const REDIRECT = 'http://127.0.0.1:9/auth/oidc/callback';
const LOGGED_OUT = 'http://127.0.0.1:9/';
const CLIENT: IdentityProviderClient = {
  clientId: 'vroegsignaal-test',
  clientSecret: 'test-secret-0123456789',
  clientName: 'Vroegsignaal',
  redirectUris: [REDIRECT],
  postLogoutRedirectUris: [LOGGED_OUT],
};

const running: RunningIdentityProvider[] = [];
after(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

async function start<P extends IdentityProfile>(profile: P, accounts: Parameters<typeof startIdentityProvider<P>>[0]['accounts'], extra: { issuerPath?: string; clients?: IdentityProviderClient[] } = {}) {
  const idp = await startIdentityProvider({ profile, accounts, clients: extra.clients ?? [CLIENT], issuerPath: extra.issuerPath });
  running.push(idp);
  return idp;
}

async function relyingParty(idp: RunningIdentityProvider, auth: oidc.ClientAuth = oidc.ClientSecretBasic(CLIENT.clientSecret), clientId = CLIENT.clientId) {
  return oidc.discovery(new URL(idp.issuer), clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

async function authorizationRequest(config: oidc.Configuration, scope: string) {
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

async function logInAndRedeem(idp: RunningIdentityProvider, username: string, scope = fullScope(idp.profile)) {
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

test('municipal profile: discovery, code flow with PKCE, ID token and userinfo claims, RP-initiated logout', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS, { issuerPath: '/gemeente-amsterdam' });
  assert.match(idp.issuer, /^http:\/\/127\.0\.0\.1:\d+\/gemeente-amsterdam$/);

  const config = await relyingParty(idp);
  const meta = config.serverMetadata();
  assert.equal(meta.issuer, idp.issuer);
  assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  assert.ok(meta.end_session_endpoint?.startsWith(idp.issuer));
  assert.ok(meta.jwks_uri?.startsWith(idp.issuer));
  const jwks = (await (await fetch(meta.jwks_uri ?? '')).json()) as { keys: { kid: string; d?: string }[] };
  assert.deepEqual(jwks.keys.map((k) => k.kid), idp.jwks.keys.map((k) => k.kid));
  assert.ok(jwks.keys.every((k) => k.d === undefined), 'no private key material in the JWKS');

  // The login page is the provider's own: Dutch, labelled fields, a heading, no external assets.
  const req = await authorizationRequest(config, fullScope('municipal'));
  const jar = new CookieJar();
  const page = await follow(jar, await step(jar, req.url), new URL(idp.issuer).origin);
  assert.ok(typeof page !== 'string');
  assert.equal(page.status, 200);
  assert.match(page.body, /<html lang="nl">/);
  assert.match(page.body, new RegExp(`<h1>${LOGIN_HEADING}</h1>`));
  assert.match(page.body, /<label for="username">[^<]+<\/label>\s*<input id="username"/);
  assert.match(page.body, /<label for="password">[^<]+<\/label>\s*<input id="password"/);
  assert.match(page.body, /<button type="submit" class="primary">Inloggen<\/button>/);
  assert.doesNotMatch(page.body, /https?:\/\//, 'no external assets or links');

  const worker = DEMO_MUNICIPAL_ACCOUNTS[0]!;
  const submitted = await step(jar, formAction(page.body, page.url, 'Inloggen'), { form: { username: worker.username, password: DEMO_IDP_PASSWORD } });
  const callback = await follow(jar, submitted, new URL(idp.issuer).origin);
  assert.equal(typeof callback, 'string');
  const callbackUrl = new URL(callback as string);
  assert.equal(callbackUrl.origin + callbackUrl.pathname, REDIRECT);
  assert.equal(callbackUrl.searchParams.get('iss'), idp.issuer, 'RFC 9207 issuer in the response');

  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
  const claims = tokens.claims();
  assert.ok(claims);
  assert.equal(claims.iss, idp.issuer);
  assert.equal(claims.aud, CLIENT.clientId);
  assert.equal(claims.sub, worker.sub);
  assert.equal(claims.nonce, req.nonce);
  assert.equal(claims.email, worker.email);
  assert.equal(claims.email_verified, true);
  assert.equal(claims.given_name, worker.givenName);
  assert.equal(claims.family_name, worker.familyName);
  assert.equal(claims.name, `${worker.givenName} ${worker.familyName}`);
  assert.deepEqual(claims[CLAIMS.groups], [DEMO_MUNICIPAL_GROUPS.unrelated, DEMO_MUNICIPAL_GROUPS.worker]);

  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, worker.sub);
  assert.equal(userinfo.email, worker.email);
  assert.deepEqual(userinfo[CLAIMS.groups], claims[CLAIMS.groups]);

  // RP-initiated logout: the provider asks to confirm, then sends the browser back with the state.
  const endUrl = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: LOGGED_OUT, state: 'uitgelogd-1' });
  const confirm = await step(jar, endUrl.href);
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /<html lang="nl">/);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
  assert.ok(xsrf);
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.body)?.[1];
  assert.ok(action);
  const loggedOut = await step(jar, new URL(action, endUrl).href, { form: { xsrf, logout: 'yes' } });
  assert.equal(loggedOut.status, 303);
  assert.equal(loggedOut.location, `${LOGGED_OUT}?state=uitgelogd-1`);

  // The session is gone: a new authorization request shows the login page again.
  const again = await authorizationRequest(config, 'openid');
  const shown = await follow(jar, await step(jar, again.url), new URL(idp.issuer).origin);
  assert.ok(typeof shown !== 'string' && shown.body.includes('name="password"'));
});

test('eHerkenning profile: KvK number, company and level of assurance as a broker gives them', async () => {
  const idp = await start('eherkenning', DEMO_EHERKENNING_ACCOUNTS);
  const meta = (await relyingParty(idp)).serverMetadata();
  assert.deepEqual(meta.acr_values_supported, Object.values(EHERKENNING_LEVELS));

  const eh3 = await logInAndRedeem(idp, 'eh3-woningcorporatie');
  assert.equal(eh3.claims?.[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-woningcorporatie']);
  assert.equal(eh3.claims?.[CLAIMS.companyName], 'Demo Woningcorporatie');
  assert.equal(eh3.claims?.acr, 'urn:etoegang:core:assurance-class:loa3');
  assert.equal(eh3.claims?.[CLAIMS.eherkenningLevel], 'urn:etoegang:core:assurance-class:loa3');
  assert.equal(eh3.claims?.name, 'Ilse de Jong');
  assert.equal(eh3.claims?.email, undefined, 'a broker releases no e-mail address');
  assert.deepEqual(eh3.claims?.amr, ['pwd']);

  const eh2 = await logInAndRedeem(idp, 'eh2-woningcorporatie');
  assert.equal(eh2.claims?.[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-woningcorporatie']);
  assert.equal(eh2.claims?.acr, 'urn:etoegang:core:assurance-class:loa2');
  const userinfo = await oidc.fetchUserInfo(eh2.config, eh2.tokens.access_token, eh2.claims?.sub ?? '');
  assert.equal(userinfo[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-woningcorporatie']);
});

test('DigiD profile: BSN and level', async () => {
  const idp = await start('digid', DEMO_DIGID_ACCOUNTS);
  const { claims } = await logInAndRedeem(idp, 'digid-inwoner');
  assert.equal(claims?.[CLAIMS.bsn], '999993653');
  assert.equal(claims?.acr, DIGID_LEVELS.midden);
  assert.equal(claims?.[CLAIMS.digidLevel], DIGID_LEVELS.midden);
});

test('only the scopes asked for are released', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const { claims } = await logInAndRedeem(idp, DEMO_MUNICIPAL_ACCOUNTS[1]!.username, 'openid email');
  assert.equal(claims?.email, DEMO_MUNICIPAL_ACCOUNTS[1]!.email);
  assert.equal(claims?.[CLAIMS.groups], undefined);
  assert.equal(claims?.name, undefined);
});

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

test('private_key_jwt and client_secret_post clients', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, string>), kid: 'rp-key-1', alg: 'ES256', use: 'sig' };
  const idp = await start('eherkenning', DEMO_EHERKENNING_ACCOUNTS, {
    clients: [
      { clientId: 'rp-jwt', redirectUris: [REDIRECT], tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys: [jwk] } },
      { clientId: 'rp-post', clientSecret: 'post-secret-0123456789', redirectUris: [REDIRECT], tokenEndpointAuthMethod: 'client_secret_post' },
    ],
  });
  const cryptoKey = await crypto.subtle.importKey('pkcs8', privateKey.export({ format: 'der', type: 'pkcs8' }), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  for (const [clientId, auth] of [
    ['rp-jwt', oidc.PrivateKeyJwt({ key: cryptoKey, kid: 'rp-key-1' })],
    ['rp-post', oidc.ClientSecretPost('post-secret-0123456789')],
  ] as const) {
    const config = await relyingParty(idp, auth, clientId);
    const req = await authorizationRequest(config, 'openid eherkenning');
    const login = await logInOverHttp(req.url, 'eh3-energieleverancier', DEMO_IDP_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(login.callbackUrl ?? ''), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    assert.equal(tokens.claims()?.[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-energieleverancier'], clientId);
  }
});

test('two providers at once: distinct issuers and keys, and an ID token of one does not validate at the other', async () => {
  const a = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS, { issuerPath: '/gemeente-a' });
  // A path that ends in a route's name ('/auth'), which a mount-point guess would get wrong.
  const b = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS, { issuerPath: '/gemeente-b/auth' });
  assert.equal((await logInAndRedeem(b, DEMO_MUNICIPAL_ACCOUNTS[0]!.username)).claims?.iss, b.issuer);
  assert.notEqual(a.issuer, b.issuer);
  assert.notEqual(a.jwks.keys[0]?.kid, b.jwks.keys[0]?.kid);
  assert.notEqual(a.jwks.keys[0]?.n, b.jwks.keys[0]?.n);

  // A code from A, presented at B's token endpoint, is unknown there.
  const configA = await relyingParty(a);
  const configB = await relyingParty(b);
  const req = await authorizationRequest(configA, 'openid');
  const login = await logInOverHttp(req.url, DEMO_MUNICIPAL_ACCOUNTS[0]!.username, DEMO_IDP_PASSWORD);
  const callback = new URL(login.callbackUrl ?? '');
  // Without the iss parameter (RFC 9207), which would give the mix-up away before the token request.
  callback.searchParams.delete('iss');
  await assert.rejects(oidc.authorizationCodeGrant(configB, callback, { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce }));

  // A's ID token presented as if it came from B (a mix-up, or B's endpoint answering with A's token):
  // B's issuer and B's keys refuse it.
  const { tokens } = await logInAndRedeem(a, DEMO_MUNICIPAL_ACCOUNTS[0]!.username);
  const idToken = tokens.id_token ?? '';
  await jwtVerify(idToken, createLocalJWKSet(a.jwks), { issuer: a.issuer, audience: CLIENT.clientId });
  await assert.rejects(jwtVerify(idToken, createLocalJWKSet(b.jwks), { audience: CLIENT.clientId }), /no applicable key|signature/i);
  await assert.rejects(jwtVerify(idToken, createLocalJWKSet(a.jwks), { issuer: b.issuer, audience: CLIENT.clientId }), /iss/);
});

test('the demo accounts fit the demo organisations the platform seeds', () => {
  // The SSO users share the e-mail domain of the municipality's password users (the allowed domain
  // of its provider) without being the same people.
  const domains = new Set(DEMO_USERS.filter((u) => u.organisationId === DEMO_SSO_MUNICIPALITY).map((u) => u.email.split('@')[1]));
  assert.deepEqual([...domains], ['amsterdam.demo']);
  for (const a of DEMO_MUNICIPAL_ACCOUNTS) {
    assert.equal(a.email.split('@')[1], 'amsterdam.demo');
    assert.ok(!DEMO_USERS.some((u) => u.email === a.email), a.email);
  }
  // Every KvK number is one of a demo creditor, except the one meant to be unknown.
  for (const creditor of Object.keys(DEMO_KVK_NUMBERS)) assert.ok(DEMO_SENDERS.includes(creditor), creditor);
  const known = new Set<string>(Object.values(DEMO_KVK_NUMBERS));
  assert.equal(known.size, Object.keys(DEMO_KVK_NUMBERS).length, 'one number per creditor');
  assert.ok(!known.has(DEMO_UNKNOWN_KVK_NUMBER));
  for (const a of DEMO_EHERKENNING_ACCOUNTS) {
    assert.match(a.kvkNumber, /^\d{8}$/);
    assert.ok(known.has(a.kvkNumber) || a.kvkNumber === DEMO_UNKNOWN_KVK_NUMBER, a.username);
  }
  assert.deepEqual(DEMO_EHERKENNING_ACCOUNTS.filter((a) => a.kvkNumber === DEMO_KVK_NUMBERS['demo-woningcorporatie']).map((a) => a.level).sort(), ['EH2', 'EH3']);
});

test('an issuer elsewhere than http://127.0.0.1 is refused, and so is a client without its secret', async () => {
  await assert.rejects(startIdentityProvider({ profile: 'digid', accounts: DEMO_DIGID_ACCOUNTS, clients: [CLIENT], issuer: 'http://localhost:4999/digid' }), /127\.0\.0\.1/);
  await assert.rejects(
    startIdentityProvider({ profile: 'digid', accounts: DEMO_DIGID_ACCOUNTS, clients: [{ clientId: 'x', redirectUris: [REDIRECT] }] }),
    /needs a clientSecret/,
  );
});

test('the demo providers: all three at once, the platform registered as DEMO_IDP_CLIENT', async () => {
  const demo = await startDemoIdentityProviders({ redirectUris: [REDIRECT], postLogoutRedirectUris: [LOGGED_OUT] });
  try {
    assert.deepEqual(Object.keys(demo).sort(), ['digid', 'eherkenning', 'municipal']);
    assert.match(demo.municipal?.issuer ?? '', /\/gemeente-amsterdam$/);
    const eh = demo.eherkenning;
    assert.ok(eh);
    const config = await oidc.discovery(new URL(eh.issuer), DEMO_IDP_CLIENT.clientId, undefined, oidc.ClientSecretBasic(DEMO_IDP_CLIENT.clientSecret), { execute: [oidc.allowInsecureRequests] });
    const req = await authorizationRequest(config, fullScope('eherkenning'));
    const login = await logInOverHttp(req.url, 'eh3-woningcorporatie', DEMO_IDP_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(login.callbackUrl ?? ''), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    assert.equal(tokens.claims()?.[CLAIMS.kvkNumber], DEMO_KVK_NUMBERS['demo-woningcorporatie']);
  } finally {
    await Promise.all(Object.values(demo).map((p) => p.stop()));
  }
});

test('ui_locales=en: the pages in English', async () => {
  const idp = await start('eherkenning', DEMO_EHERKENNING_ACCOUNTS);
  const config = await relyingParty(idp);
  const req = await authorizationRequest(config, 'openid');
  const url = new URL(req.url);
  url.searchParams.set('ui_locales', 'en-GB nl');
  const en = identityProviderMessages('en');
  const login = await logInOverHttp(url.href, 'eh3-woningcorporatie', 'wrong');
  assert.match(login.page?.body ?? '', /<html lang="en">/);
  assert.match(login.page?.body ?? '', new RegExp(`<h1>${en('loginHeading')}</h1>`));
  assert.match(login.page?.body ?? '', new RegExp(`role="alert">${en('loginError')}<`));
  assert.match(login.page?.body ?? '', /<label for="username">Username<\/label>/);
});
