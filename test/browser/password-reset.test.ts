import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { linkIn, startMailSink } from '../helpers/mail.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

const NEW_PASSWORD = 'een nieuwe lange zin';

describe('password reset and invitation by e-mail in a real browser (chromium + axe, local SMTP server)', () => {
  let p: TestPlatform;
  let mail: Awaited<ReturnType<typeof startMailSink>>;
  let browser: Browser;
  let page: Page;

  before(async () => {
    mail = await startMailSink();
    p = await startTestPlatform(ENGINES[0]!, { mailer: mail.mailer });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await mail?.close();
  });

  it('requests a reset, follows the mailed link, sets a new password and logs in with it', async () => {
    const email = 'medewerker@amsterdam.demo';
    await page.goto(`${p.url}/inloggen`);
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText('Hoort dit e-mailadres bij een account?').waitFor();
    await expectAccessible(page, 'forgot password, sent');

    const link = linkIn(await mail.sink.waitFor(email));
    assert.equal(link.origin, p.url, 'the link leads back to the platform the browser used');
    await page.goto(link.href);
    await page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord kiezen' }).waitFor();
    await expectAccessible(page, 'choose a new password');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('iets anders dan dat');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('De twee wachtwoorden zijn niet hetzelfde.').waitFor();
    await expectAccessible(page, 'choose a new password, with an error');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord opgeslagen' }).waitFor();
    await expectAccessible(page, 'new password saved');
    await page.getByRole('link', { name: 'Naar inloggen' }).click();

    await logIn(page, p.url, email, NEW_PASSWORD);
    assert.ok(!new URL(page.url()).pathname.startsWith('/inloggen'), 'logged in with the new password');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();

    await page.goto(link.href);
    await page.getByText('Deze link is al gebruikt. Een link werkt maar één keer.').waitFor();
    await expectAccessible(page, 'used link');
  });

  it('invites a user from the users screen, who accepts through the mailed link', async () => {
    await logIn(page, p.url, 'beheer@amsterdam.demo');
    await page.goto(`${p.url}/gebruikers`);
    await page.getByLabel('Naam', { exact: true }).fill('Nieuwe Collega');
    await page.getByLabel('E-mailadres').fill('nieuw@amsterdam.demo');
    await page.getByLabel('Medewerker (zaken behandelen)').check();
    await page.getByRole('button', { name: 'Uitnodigen' }).click();
    await page.getByText('De uitnodiging is verstuurd.').waitFor();
    await expectAccessible(page, 'users, invited');
    await page.getByRole('link', { name: 'Nieuwe Collega' }).click();
    await page.getByRole('button', { name: 'Opnieuw uitnodigen' }).waitFor();
    await expectAccessible(page, 'invited user');
    await page.getByRole('button', { name: 'Uitloggen' }).click();

    const link = linkIn(await mail.sink.waitFor('nieuw@amsterdam.demo'));
    await page.goto(link.href);
    await page.getByRole('heading', { level: 1, name: 'Uitnodiging: kies uw wachtwoord' }).waitFor();
    await expectAccessible(page, 'accept invitation');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Uw wachtwoord is opgeslagen. Uw account is klaar.').waitFor();
    await expectAccessible(page, 'invitation accepted');
    await logIn(page, p.url, 'nieuw@amsterdam.demo', NEW_PASSWORD);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
  });

  it('the new pages are accessible in English too', async () => {
    const email = 'coordinator@amsterdam.demo';
    await page.goto(`${p.url}/wachtwoord-vergeten?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor();
    await expectAccessible(page, 'forgot password (English)');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('Does this e-mail address belong to an account?').waitFor();
    await expectAccessible(page, 'forgot password, sent (English)');

    const link = linkIn(await mail.sink.waitFor(email));
    await page.goto(link.href);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('The password is too short. Use at least 12 characters.').waitFor();
    await expectAccessible(page, 'choose a new password, with an error (English)');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('heading', { level: 1, name: 'New password saved' }).waitFor();
    await expectAccessible(page, 'new password saved (English)');

    await page.goto(`${p.url}/uitnodiging?token=not-a-token`);
    await page.getByText('This link does not work. Perhaps it was not copied completely from the e-mail.').waitFor();
    await expectAccessible(page, 'broken invitation link (English)');
    await page.goto(`${p.url}/uitnodiging?klaar=1`);
    await page.getByText('Your password has been saved. Your account is ready.').waitFor();
    await expectAccessible(page, 'invitation accepted (English)');

    // logIn fills the Dutch form.
    await page.goto(`${p.url}/inloggen?lang=nl`);
    await logIn(page, p.url, 'beheer@amsterdam.demo');
    await page.goto(`${p.url}/gebruikers?lang=en`);
    await page.getByLabel('Name', { exact: true }).fill('New Colleague');
    await page.getByLabel('E-mail address').fill('colleague@amsterdam.demo');
    await page.getByLabel('Language of the e-mail and the screens').selectOption('en');
    await page.getByLabel('Worker (handles cases)').check();
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText('The invitation has been sent.').waitFor();
    await expectAccessible(page, 'users, invited (English)');
    await page.getByRole('button', { name: 'Log out' }).click();
    const m = await mail.sink.waitFor('colleague@amsterdam.demo');
    assert.equal(m.subject, 'Invitation to vroegsignaal from Gemeente Amsterdam');
    await page.goto(linkIn(m).href);
    await page.getByRole('heading', { level: 1, name: 'Invitation: choose your password' }).waitFor();
    await expectAccessible(page, 'accept invitation (English)');
    await page.goto(`${p.url}/inloggen?lang=nl`);
  });
});
