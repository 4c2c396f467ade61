/**
 * The demo identity provider in Chromium: its pages pass axe, its cookies work over plain HTTP on
 * 127.0.0.1 next to another server on the same host, and a code obtained in the browser redeems.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import * as oidc from 'openid-client';
import { launchBrowser, expectAccessible } from './helpers.ts';
import { startIdentityProvider, type RunningIdentityProvider } from '../../src/simulation/identity-provider/server.ts';
import { DEMO_EHERKENNING_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from '../../src/simulation/identity-provider/demo-accounts.ts';
import { CLAIMS, fullScope } from '../../src/simulation/identity-provider/profiles.ts';
import { identityProviderMessages } from '../../src/simulation/identity-provider/messages.ts';

const nl = identityProviderMessages('nl');
const LOGIN_HEADING = nl('loginHeading');
const LOGIN_ERROR = nl('loginError');

let browser: Browser;
let rp: Server;
let rpUrl: string;
let municipal: RunningIdentityProvider;
let eherkenning: RunningIdentityProvider;
const client = { clientId: 'browser-rp', clientSecret: 'browser-rp-secret-0123', clientName: 'Vroegsignaal' };

before(async () => {
  // Stands in for the platform: a page at the callback and at the post-logout address.
  rp = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="nl"><head><title>RP</title></head><body><main><h1>Terug bij de applicatie</h1><p>${req.url === '/' ? 'home' : 'callback'}</p></main></body></html>`);
  });
  await new Promise<void>((r) => rp.listen(0, '127.0.0.1', r));
  rpUrl = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
  const clients = [{ ...client, redirectUris: [`${rpUrl}/callback`], postLogoutRedirectUris: [`${rpUrl}/`] }];
  municipal = await startIdentityProvider({ profile: 'municipal', accounts: DEMO_MUNICIPAL_ACCOUNTS, clients, issuerPath: '/gemeente', name: 'Gemeente Amsterdam (demo)' });
  eherkenning = await startIdentityProvider({ profile: 'eherkenning', accounts: DEMO_EHERKENNING_ACCOUNTS, clients, issuerPath: '/eherkenning' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await municipal?.stop();
  await eherkenning?.stop();
  await new Promise((r) => rp?.close(r));
});

async function authorization(idp: RunningIdentityProvider) {
  const config = await oidc.discovery(new URL(idp.issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${rpUrl}/callback`,
    scope: fullScope(idp.profile),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { config, url: url.href, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
}

test('login page, wrong password, login, logout: accessible, and the code redeems', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { config, url, checks } = await authorization(municipal);

  await page.goto(url);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), LOGIN_HEADING);
  await expectAccessible(page, 'IdP login page');

  const worker = DEMO_MUNICIPAL_ACCOUNTS[0]!;
  await page.getByLabel('Gebruikersnaam').fill(worker.username);
  await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  assert.equal((await page.getByRole('alert').textContent())?.trim(), LOGIN_ERROR);
  assert.equal(await page.getByLabel('Gebruikersnaam').inputValue(), worker.username, 'the username stays filled in');
  await expectAccessible(page, 'IdP login page with an error');

  await page.getByLabel('Wachtwoord').fill(DEMO_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));
  const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), checks);
  assert.equal(tokens.claims()?.sub, worker.sub);

  // Logged in at the provider: a second authorization goes straight back without a form.
  const second = await authorization(municipal);
  await page.goto(second.url);
  await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));

  await page.goto(oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: `${rpUrl}/`, state: 's1' }).href);
  await expectAccessible(page, 'IdP logout confirmation');
  await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
  await page.waitForURL(`${rpUrl}/?state=s1`);

  // Logged out: the form is back.
  await page.goto((await authorization(municipal)).url);
  await page.getByLabel('Gebruikersnaam').waitFor();
  await context.close();
});

test('the logged-out page, the error page and the cancel button', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { url, checks } = await authorization(eherkenning);
  await page.goto(url);
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));
  const back = new URL(page.url());
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), checks.expectedState);

  // Log in, then log out without a redirect address: the provider's own logged-out page.
  await page.goto((await authorization(eherkenning)).url);
  await page.getByLabel('Gebruikersnaam').fill('eh3-woningcorporatie');
  await page.getByLabel('Wachtwoord').fill(DEMO_IDP_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));
  await page.goto(`${eherkenning.issuer}/session/end`);
  await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
  await page.getByRole('heading', { name: 'U bent uitgelogd' }).waitFor();
  await expectAccessible(page, 'IdP logged-out page');

  // An unregistered redirect URI: the provider shows its error page instead of redirecting.
  const bad = new URL(url);
  bad.searchParams.set('redirect_uri', 'http://127.0.0.1:9/elders');
  await page.goto(bad.href);
  await page.getByRole('heading', { name: 'Er ging iets mis bij het inloggen' }).waitFor();
  await expectAccessible(page, 'IdP error page');
  await context.close();
});

test('two providers on 127.0.0.1 in one browser keep their own sessions', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const [idp, username, check] of [
    [municipal, DEMO_MUNICIPAL_ACCOUNTS[1]!.username, (c: oidc.IDToken | undefined) => assert.equal(c?.email, DEMO_MUNICIPAL_ACCOUNTS[1]!.email)],
    [eherkenning, 'eh3-energieleverancier', (c: oidc.IDToken | undefined) => assert.equal(c?.[CLAIMS.kvkNumber], '90000012')],
  ] as const) {
    const { config, url, checks } = await authorization(idp);
    await page.goto(url);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(DEMO_IDP_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));
    check((await oidc.authorizationCodeGrant(config, new URL(page.url()), checks)).claims());
  }
  // Both sessions survive each other's cookies: each provider sends the browser straight back.
  for (const idp of [municipal, eherkenning]) {
    await page.goto((await authorization(idp)).url);
    await page.waitForURL((u) => u.href.startsWith(`${rpUrl}/callback?`));
  }
  await context.close();
});

test('in English (ui_locales=en): login page and its error pass axe', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { url } = await authorization(municipal);
  const en = new URL(url);
  en.searchParams.set('ui_locales', 'en');
  await page.goto(en.href);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await expectAccessible(page, 'IdP login page (en)');
  await page.getByLabel('Username').fill('nobody');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  assert.equal((await page.getByRole('alert').textContent())?.trim(), identityProviderMessages('en')('loginError'));
  await expectAccessible(page, 'IdP login page with an error (en)');
  await context.close();
});
