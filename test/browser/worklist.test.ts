import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { seedDemoSignals } from '../../src/simulation/demo.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

describe('municipal worklist in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    await seedDemoSignals(p.deps, 60);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the login page is accessible and logging in opens the worklist', async () => {
    await page.goto(`${p.url}/werklijst`);
    assert.match(page.url(), /\/inloggen\?next=/);
    await expectAccessible(page, 'login');
    await screenshot(page, 'login');
    // Logging in on the page the worklist sent us to returns there (the start page has the digest).
    await page.getByLabel('E-mailadres').fill('coordinator@amsterdam.demo');
    await page.getByLabel('Wachtwoord').fill('vroegsignaal-demo');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/werklijst');
    await page.getByRole('heading', { level: 1, name: 'Werklijst' }).waitFor();
    await expectAccessible(page, 'worklist');
    await screenshot(page, 'worklist');
  });

  it('picks a case from a queue, registers a contact attempt and an outcome', async () => {
    await page.getByRole('link', { name: /^Overig/ }).click();
    await page.waitForURL(/queue=/);
    await expectAccessible(page, 'worklist filtered by queue');
    const caseLink = page.locator('table a[href^="/zaken/"]').first();
    const caseId = (await caseLink.textContent())!.trim();
    await caseLink.click();
    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId}` }).waitFor();
    await expectAccessible(page, 'case page');
    await screenshot(page, 'case');

    await page.getByLabel('Soort contact').selectOption('Telefoon');
    await page.getByLabel('Ja, inwoner bereikt').check();
    await page.getByLabel('Dagdeel').selectOption('Ochtend');
    await page.getByRole('button', { name: 'Contactpoging opslaan' }).click();
    await page.getByText('Contactpoging opgeslagen.').waitFor();
    await expectAccessible(page, 'case page after a contact attempt');
    assert.equal(await page.locator('#contact-heading ~ div table tbody tr').count(), 1);

    await page.getByRole('combobox', { name: 'Eindresultaat' }).selectOption('(Budget)advies en/of quick fix');
    await page.getByRole('button', { name: 'Zaak afsluiten' }).click();
    await page.getByText('Zaak afgesloten.').waitFor();
    await page.getByText('Afgesloten met: (Budget)advies en/of quick fix').waitFor();
    const c = await p.deps.db.selectFrom('cases').select(['status', 'result', 'picked_up_on']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(c.status, 'closed');
    assert.equal(c.result, '(Budget)advies en/of quick fix');
    assert.ok(c.picked_up_on);
  });

  it('shows a form error accessibly', async () => {
    await page.goto(`${p.url}/afwegingskader/regels/nieuw`);
    await page.getByLabel('Totale achterstand minimaal (euro)').fill('veel');
    await page.getByRole('button', { name: 'Bekijk effect' }).click();
    await page.getByText('Controleer de gemarkeerde velden.').waitFor();
    await expectAccessible(page, 'rule form with an error');
  });

  it('every other page is accessible (0 axe violations), in Dutch and English', async () => {
    const pages = ['/capaciteit', '/afwegingskader', '/afwegingskader/regels/nieuw', '/instellingen'];
    for (const path of pages) {
      await page.goto(`${p.url}${path}`);
      await expectAccessible(page, path);
    }
    await page.goto(`${p.url}/afwegingskader`);
    await screenshot(page, 'framework');
    await page.goto(`${p.url}/capaciteit`);
    await screenshot(page, 'capacity');
    await page.goto(`${p.url}/werklijst?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await expectAccessible(page, 'worklist (English)');
    await page.goto(`${p.url}/werklijst?lang=nl`);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    await logIn(page, p.url, 'beheer@amsterdam.demo');
    for (const path of ['/gebruikers', '/instellingen']) {
      await page.goto(`${p.url}${path}`);
      await expectAccessible(page, path);
    }
    await page.goto(`${p.url}/gebruikers`);
    await page.getByRole('heading', { level: 1, name: 'Gebruikers en rollen' }).waitFor();
    await page.locator('table a[href^="/gebruikers/"]').first().click();
    await expectAccessible(page, 'edit user');
    await page.goto(`${p.url}/gebruikers`);
    await screenshot(page, 'users');
  });
});
