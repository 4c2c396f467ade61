import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

describe('capacity what-if in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the ministry asks a what-if through the form; page, chart and table are accessible', async () => {
    await logIn(page, p.url, 'evaluator@szw.demo');
    await page.goto(`${p.url}/wat-als`);
    await page.getByRole('heading', { level: 1, name: 'Wat-als: signalen tegenover capaciteit' }).waitFor();
    await expectAccessible(page, 'what-if (default question)');
    await screenshot(page, 'capacity-what-if');
    // The boxes carry the signal types' names; the form still sends the code (add=wmo_own_contribution).
    await page.getByLabel('Achterstand eigen bijdrage Wmo (CAK)', { exact: true }).nth(1).check();
    await page.getByLabel('Voorgestelde minimumachterstand (€)').fill('750');
    await page.getByLabel('Aantal maanden').fill('3');
    await page.getByRole('button', { name: 'Bereken' }).click();
    await page.waitForURL(/compareMinAmount=750/);
    assert.match(page.url(), /add=wmo_own_contribution/);
    assert.match(await page.locator('main').innerText(), /Voorstel: Achterstand gemeentelijke belastingen, Achterstand eigen bijdrage Wmo \(CAK\); minimaal € 750/);
    await expectAccessible(page, 'what-if (own question)');
    await page.goto(`${p.url}/wat-als?signal=lottery`);
    await expectAccessible(page, 'what-if (refused question)');
  });

  it('the calibration page is accessible in Dutch and English', async () => {
    await page.goto(`${p.url}/wat-als/kalibratie`);
    await page.getByRole('heading', { level: 1, name: 'Kalibratie van de synthetische populatie' }).waitFor();
    await expectAccessible(page, 'calibration (nl)');
    await screenshot(page, 'capacity-calibration');
    await page.goto(`${p.url}/wat-als/kalibratie?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Calibration of the synthetic population' }).waitFor();
    await expectAccessible(page, 'calibration (en)');
  });

  it('the municipalities of the calibration are chosen on the page; the result and a refused set are accessible', async () => {
    await page.goto(`${p.url}/wat-als/kalibratie?lang=nl`);
    // The representative set is ticked: keep Rotterdam and Heerlen of it.
    assert.equal(await page.getByLabel('Amsterdam (GM0363)').isChecked(), true);
    for (const other of ['Amsterdam (GM0363)', 'Dordrecht (GM0505)', 'Purmerend (GM0439)', 'Leudal (GM1640)']) await page.getByLabel(other).uncheck();
    await page.getByLabel('Rotterdam (GM0599)').check();
    await page.getByRole('button', { name: 'Bereken' }).click();
    await page.waitForURL(/kalibratie\?municipality=GM0599&municipality=GM0917$/);
    await page.getByRole('heading', { level: 2, name: 'Seed 2' }).waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /Gekozen gemeenten \(Rotterdam, Heerlen\)/);
    assert.match(main, /npm run calibration -- --municipalities GM0599,GM0917 --seed 1/);
    assert.equal(await page.getByLabel('Amsterdam (GM0363)').isChecked(), false);
    assert.equal(await page.getByLabel('Heerlen (GM0917)').isChecked(), true);
    await expectAccessible(page, 'calibration (chosen set)');
    await page.goto(`${p.url}/wat-als/kalibratie?municipality=GM9999&lang=en`);
    assert.match(await page.locator('main').innerText(), /This set cannot be calculated/);
    await expectAccessible(page, 'calibration (refused set, en)');
  });
});
