import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { DEMO_PASSWORD } from '../../src/app/seed/demo-organisations.ts';
import { timeStep, totpCodeAt } from '../../src/domain/access/totp.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

/**
 * What an authenticator app does, for one secret: the code of the current time step, but never a
 * step the platform has seen already (it refuses those), waiting for the next step when needed.
 */
function authenticator(secret: string) {
  let last = -Infinity;
  return {
    async code(): Promise<string> {
      // One step ahead is accepted too (the ±1 window), so a wait is rarely needed.
      let step = Math.max(timeStep(new Date()) - 1, last + 1);
      while (step > timeStep(new Date()) + 1) {
        await new Promise((r) => setTimeout(r, 1000));
        step = Math.max(timeStep(new Date()) - 1, last + 1);
      }
      last = step;
      return totpCodeAt(secret, new Date(step * 30_000));
    },
    /** A code the platform refuses: from long ago. */
    wrong: () => totpCodeAt(secret, new Date(Date.now() - 3600_000)),
  };
}

async function logInEnglish(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/inloggen?lang=en`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

describe('two-step verification and the session list in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (locale = 'nl-NL') => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    contexts.push(c);
    return c.newPage();
  };

  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await p?.close();
  });

  it('sets up an authenticator from the account page, then logs in with password and code', async () => {
    const page = await newPage();
    await logIn(page, p.url, 'coordinator@amsterdam.demo');
    await page.getByRole('link', { name: /Ingelogd als/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
    await expectAccessible(page, 'account page');

    await page.getByRole('link', { name: 'Tweestapsverificatie instellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
    assert.ok(await page.getByRole('img', { name: 'QR-code voor uw authenticator-app' }).isVisible());
    await expectAccessible(page, 'enrolment page');
    const secret = (await page.locator('#totp-secret').getAttribute('data-secret'))!;
    assert.equal((await page.locator('#totp-secret').textContent())!.replaceAll(' ', ''), secret, 'the key as text is the key in the QR code');
    const app = authenticator(secret);

    await page.getByLabel('Code', { exact: true }).fill(app.wrong());
    await page.getByRole('button', { name: 'Instellen' }).click();
    await page.getByText('Deze code is onjuist of al gebruikt.').first().waitFor();
    await expectAccessible(page, 'enrolment page with an error');
    await page.getByLabel('Code', { exact: true }).fill(await app.code());
    await page.getByRole('button', { name: 'Instellen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
    await expectAccessible(page, 'recovery codes');
    assert.equal(await page.locator('.vs-recovery-codes li').count(), 8);
    await page.getByRole('link', { name: 'Verder' }).click();
    await page.getByText('Tweestapsverificatie staat aan sinds').waitFor();
    await expectAccessible(page, 'account page with two-step verification on');

    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByText('U bent uitgelogd.').waitFor();

    await page.getByLabel('E-mailadres').fill('coordinator@amsterdam.demo');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Code invoeren' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/inloggen/code');
    await expectAccessible(page, 'code page');
    await page.getByLabel('Code', { exact: true }).fill(app.wrong());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Deze code is onjuist of al gebruikt.').first().waitFor();
    await expectAccessible(page, 'code page with an error');
    await page.getByLabel('Code', { exact: true }).fill(await app.code());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
    await page.goto(`${p.url}/mijn-account`);
    await page.getByRole('cell', { name: 'Wachtwoord en code' }).first().waitFor();

    // The same pages in English.
    await page.goto(`${p.url}/mijn-account?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await expectAccessible(page, 'account page (English)');
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await logInEnglish(page, p.url, 'coordinator@amsterdam.demo');
    await page.getByRole('heading', { level: 1, name: 'Enter code' }).waitFor();
    await expectAccessible(page, 'code page (English)');
    await page.getByLabel('Code', { exact: true }).fill(app.wrong());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('This code is wrong or was used already.').first().waitFor();
    await expectAccessible(page, 'code page with an error (English)');
    await page.getByLabel('Code', { exact: true }).fill(await app.code());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
  });

  it('an organisation that requires it: the admin switches it on, and a person without an authenticator sets one up before getting in', async () => {
    const admin = await newPage();
    await logIn(admin, p.url, 'beheer@amsterdam.demo');
    await admin.getByRole('link', { name: 'Beveiliging' }).first().click();
    await admin.getByRole('heading', { level: 1, name: 'Beveiliging' }).waitFor();
    await expectAccessible(admin, 'security page');
    await admin.getByLabel('Tweestapsverificatie verplicht').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText('Opgeslagen.').waitFor();
    assert.ok(await admin.getByLabel('Tweestapsverificatie verplicht').isChecked());
    await admin.goto(`${p.url}/beveiliging?lang=en`);
    await admin.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    await expectAccessible(admin, 'security page (English)');

    // In Dutch: set up at login, no way past it.
    const worker = await newPage();
    await worker.goto(`${p.url}/inloggen`);
    await worker.getByLabel('E-mailadres').fill('medewerker@amsterdam.demo');
    await worker.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await worker.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await worker.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
    assert.equal(new URL(worker.url()).pathname, '/inloggen/instellen');
    await expectAccessible(worker, 'enrolment at login');
    await worker.goto(`${p.url}/werklijst`);
    await worker.waitForURL((u) => u.pathname === '/inloggen');
    await worker.goBack();
    await worker.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
    const app = authenticator((await worker.locator('#totp-secret').getAttribute('data-secret'))!);
    await worker.getByLabel('Code', { exact: true }).fill(app.wrong());
    await worker.getByRole('button', { name: 'Instellen' }).click();
    await worker.getByText('Deze code is onjuist of al gebruikt.').first().waitFor();
    await expectAccessible(worker, 'enrolment at login with an error');
    await worker.getByLabel('Code', { exact: true }).fill(await app.code());
    await worker.getByRole('button', { name: 'Instellen' }).click();
    await worker.getByRole('heading', { level: 1, name: 'Uw herstelcodes' }).waitFor();
    await worker.getByRole('link', { name: 'Verder' }).click();
    await worker.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
    await worker.goto(`${p.url}/mijn-account`);
    await worker.getByText('Uw organisatie vereist tweestapsverificatie; u kunt die niet uitzetten.').waitFor();

    // In English, for another person of the organisation.
    const privacy = await newPage('en-GB');
    await logInEnglish(privacy, p.url, 'privacy@amsterdam.demo');
    await privacy.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    await expectAccessible(privacy, 'enrolment at login (English)');
    const app2 = authenticator((await privacy.locator('#totp-secret').getAttribute('data-secret'))!);
    await privacy.getByLabel('Code', { exact: true }).fill(await app2.code());
    await privacy.getByRole('button', { name: 'Set up' }).click();
    await privacy.getByRole('heading', { level: 1, name: 'Your recovery codes' }).waitFor();
    await expectAccessible(privacy, 'recovery codes (English)');
  });

  it('"Overal uitloggen" ends the session in another browser too', async () => {
    const first = await newPage();
    const second = await newPage();
    await logIn(first, p.url, 'medewerker@rotterdam.demo');
    await logIn(second, p.url, 'medewerker@rotterdam.demo');
    await first.goto(`${p.url}/mijn-account`);
    await first.getByRole('heading', { level: 2, name: 'Actieve sessies' }).waitFor();
    assert.equal(await first.locator('table tbody tr').count(), 2);
    await first.getByText('(deze sessie)').waitFor();
    await expectAccessible(first, 'account page with two sessions');

    await first.getByRole('button', { name: 'Overal uitloggen' }).click();
    await first.getByText('U bent uitgelogd.').waitFor();
    assert.equal(new URL(first.url()).pathname, '/inloggen');
    await second.goto(`${p.url}/werklijst`);
    await second.waitForURL((u) => u.pathname === '/inloggen');
    await second.getByText('Uw sessie is verlopen', { exact: false }).waitFor();
  });
});
