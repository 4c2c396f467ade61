import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { connectDemoIdentity } from '../../src/app/seed/demo-identity.ts';
import { startDemoIdentity, type DemoIdentity } from '../../src/simulation/demo-identity.ts';
import { startIdentityProvider, type RunningIdentityProvider } from '../../src/simulation/identity-provider/server.ts';
import { DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from '../../src/simulation/identity-provider/demo-accounts.ts';
import { CookieJar, logInOverHttp, step } from '../../src/simulation/identity-provider/http-login.ts';
import { upsertProvider } from '../../src/db/repositories/identity-providers.ts';
import { CLIENT_CREDENTIAL_PURPOSE } from '../../src/app/identity/sso-provider.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

describe('single sign-on and eHerkenning in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let demo: DemoIdentity;
  let rogue: RunningIdentityProvider;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** At the provider's own login page: fill in and submit. */
  async function atProvider(username: string) {
    await page.locator('#username').waitFor();
    await expectAccessible(page, 'the identity provider login page');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_IDP_PASSWORD);
    await page.locator('button[type=submit].primary').first().click();
  }

  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    demo = await startDemoIdentity({ platformUrl: p.url });
    await connectDemoIdentity(p.deps, demo.connection);
    // Rotterdam's provider vouches for a person with an Amsterdam address: it must not get them into Amsterdam.
    rogue = await startIdentityProvider({
      profile: 'municipal',
      accounts: [{ ...DEMO_MUNICIPAL_ACCOUNTS[0]!, username: 'indringer', sub: 'rogue-1' }],
      clients: [{ clientId: 'rotterdam', clientSecret: 'rotterdam-secret', redirectUris: [`${p.url}/sso/terug`] }],
      issuerPath: '/rotterdam',
      name: 'Gemeente Rotterdam (demo)',
      onServerError: () => {},
    });
    await upsertProvider(
      p.deps.db,
      'GM0599',
      {
        displayName: 'Gemeente Rotterdam',
        issuer: rogue.issuer,
        clientId: 'rotterdam',
        clientAuth: 'client_secret_basic',
        clientCredentialSealed: p.deps.secrets.seal(CLIENT_CREDENTIAL_PURPOSE, 'rotterdam-secret'),
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMap: { 'vroegsignalering-medewerkers': 'municipal_worker' },
        allowedEmailDomains: ['rotterdam.demo', 'amsterdam.demo'],
        enabled: true,
      },
      null,
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await rogue?.stop();
    await demo?.stop();
    await p?.close();
  });

  const fresh = async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
  };

  it('logs a municipal worker in through the municipality\'s provider, and out at both', async () => {
    await fresh();
    await page.goto(`${p.url}/werklijst`);
    await page.getByRole('heading', { level: 2, name: 'Inloggen via uw organisatie' }).waitFor();
    await expectAccessible(page, 'login page with single sign-on');
    await page.getByRole('link', { name: 'Inloggen via Gemeente Amsterdam (demo-identiteitsprovider)' }).click();
    await atProvider('sso-medewerker@amsterdam.demo');
    await page.waitForURL((u) => u.pathname === '/werklijst');
    await page.getByText('Noor Visser').first().waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    // The provider asks whether to end its session too, then sends the browser back.
    await page.locator('button[name=logout][value=yes]').click();
    await page.waitForURL((u) => u.pathname === '/inloggen' && u.searchParams.get('uitgelogd') === '1');
    await page.goto(`${p.url}/werklijst`);
    await page.waitForURL((u) => u.pathname === '/inloggen');
  });

  it('logs a creditor\'s uploader in with eHerkenning at EH3, who may deliver', async () => {
    await fresh();
    await page.goto(`${p.url}/inloggen?next=/aanleveren`);
    await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
    await atProvider('eh3-woningcorporatie');
    await page.waitForURL((u) => u.pathname === '/aanleveren');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.getByText('Ilse de Jong').count() > 0, true);
  });

  it('tells a person logged in at EH2 why they may not deliver', async () => {
    await fresh();
    await page.goto(`${p.url}/inloggen?next=/aanleveren`);
    await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
    await atProvider('eh2-woningcorporatie');
    await page.getByRole('heading', { level: 1, name: 'Aanleveren vraagt eHerkenning-niveau EH3' }).waitFor();
    await expectAccessible(page, 'delivering refused for the eHerkenning level');
    await page.goto(`${p.url}/aanleveren?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Delivering requires eHerkenning level EH3' }).waitFor();
    await expectAccessible(page, 'delivering refused for the eHerkenning level (English)');
  });

  it('refuses a person another organisation\'s provider vouches for, and says why', async () => {
    await fresh();
    await page.goto(`${p.url}/inloggen`);
    await page.getByRole('link', { name: 'Inloggen via Gemeente Rotterdam' }).click();
    await atProvider('indringer');
    await page.getByRole('heading', { level: 1, name: 'Inloggen is niet gelukt' }).waitFor();
    await page.getByText('Uw account hoort bij een andere organisatie dan deze identiteitsprovider.').waitFor();
    await expectAccessible(page, 'refused single sign-on');
  });

  it('the admin screen and the new pages are accessible in Dutch and English', async () => {
    await fresh();
    await logIn(page, p.url, 'beheer@amsterdam.demo');
    await page.goto(`${p.url}/eenmalig-inloggen`);
    await page.getByRole('heading', { level: 1, name: 'Eenmalig inloggen (SSO)' }).waitFor();
    await expectAccessible(page, 'single sign-on settings');
    await page.getByLabel('Issuer-URL').fill('http://idp.example.nl');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Gebruik een https-adres').first().waitFor();
    await expectAccessible(page, 'single sign-on settings with errors');
    await page.goto(`${p.url}/eenmalig-inloggen?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Single sign-on (SSO)' }).waitFor();
    await expectAccessible(page, 'single sign-on settings (English)');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.goto(`${p.url}/inloggen?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'Log in with eHerkenning' }).waitFor();
    await expectAccessible(page, 'login page with single sign-on (English)');
    await page.goto(`${p.url}/sso/terug?code=x&state=y`);
    await page.getByText('The login attempt expired or was not started in this browser.').waitFor();
    await expectAccessible(page, 'refused single sign-on (English)');
  });

  it('the pages between platform and provider are accessible too (shown for a moment before they move on)', async () => {
    await fresh();
    // Fetched over HTTP, shown without their meta refresh: the browser would move on before axe could look.
    const jar = new CookieJar();
    const start = await step(jar, `${p.url}/sso/start?aanbieder=eherkenning&next=/signalen`);
    const atProvider = await logInOverHttp(start.location!, 'eh3-energieleverancier', DEMO_IDP_PASSWORD);
    const landing = await step(jar, atProvider.callbackUrl!);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await step(jar, `${p.url}/signalen`)).body)![1]!;
    const leaving = await step(jar, `${p.url}/uitloggen`, { form: { _csrf: csrf } });
    for (const [what, html] of [
      ['after logging in at the provider', landing.body],
      ['on the way to the provider to log out', leaving.body],
    ] as const) {
      await page.goto(`${p.url}/inloggen`);
      await page.setContent(html.replace(/<meta http-equiv="refresh"[^>]*>/, ''), { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(page, what);
    }
  });

  it("the privacy officer's audit trail is accessible in Dutch and English", async () => {
    await fresh();
    await logIn(page, p.url, 'privacy@amsterdam.demo');
    await page.getByRole('link', { name: 'Audittrail' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Audittrail' }).waitFor();
    await page.getByRole('cell', { name: 'session.login' }).first().waitFor();
    await expectAccessible(page, 'audit trail');
    await page.getByLabel('Vanaf').fill('2026-01-01');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL((u) => u.searchParams.get('van') === '2026-01-01');
    await page.goto(`${p.url}/audittrail?lang=en&van=gisteren`);
    await page.getByText('Not a valid date (YYYY-MM-DD).').waitFor();
    await expectAccessible(page, 'audit trail with an error (English)');
  });
});
