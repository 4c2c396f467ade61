import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as oidc from 'openid-client';
import { CookieJar, follow, formAction, logInOverHttp, step } from './http-login.ts';
import { CLAIMS, EHERKENNING_LEVELS, DIGID_LEVELS, fullScope } from './profiles.ts';
import { DEMO_DIGID_ACCOUNTS, DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_KVK_NUMBERS, DEMO_MUNICIPAL_ACCOUNTS, DEMO_MUNICIPAL_GROUPS } from './demo-accounts.ts';
import { identityProviderMessages } from './messages.ts';
import { authorizationRequest, CLIENT, LOGGED_OUT, logInAndRedeem, REDIRECT, relyingParty, start, stopProviders } from './test-support.ts';

after(stopProviders);

const LOGIN_HEADING = identityProviderMessages('nl')('loginHeading');

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

test('logged in: prompt=consent goes straight back (first-party), prompt=login asks for the password again', async () => {
  const idp = await start('municipal', DEMO_MUNICIPAL_ACCOUNTS);
  const config = await relyingParty(idp);
  const origin = new URL(idp.issuer).origin;
  const first = await authorizationRequest(config, 'openid');
  const login = await logInOverHttp(first.url, DEMO_MUNICIPAL_ACCOUNTS[0]!.username, DEMO_IDP_PASSWORD);
  assert.ok(login.callbackUrl);

  const consent = await authorizationRequest(config, fullScope('municipal'));
  const consentUrl = new URL(consent.url);
  consentUrl.searchParams.set('prompt', 'consent');
  const back = await follow(login.jar, await step(login.jar, consentUrl.href), origin);
  assert.equal(typeof back, 'string', 'no page in between');
  const tokens = await oidc.authorizationCodeGrant(config, new URL(back as string), { pkceCodeVerifier: consent.verifier, expectedState: consent.state, expectedNonce: consent.nonce });
  assert.equal(tokens.claims()?.email, DEMO_MUNICIPAL_ACCOUNTS[0]!.email);

  const again = await authorizationRequest(config, 'openid');
  const againUrl = new URL(again.url);
  againUrl.searchParams.set('prompt', 'login');
  const shown = await follow(login.jar, await step(login.jar, againUrl.href), origin);
  assert.ok(typeof shown !== 'string' && shown.body.includes('name="password"'));
});
