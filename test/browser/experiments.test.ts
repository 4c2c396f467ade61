import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

describe('experiment register in a real browser (chromium + axe)', () => {
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

  it('the ministry opens the register and an experiment, and moves an idea to a plan with a reason', async () => {
    await logIn(page, p.url, 'beheer@szw.demo');
    await page.goto(`${p.url}/experimenten`);
    await expectAccessible(page, 'experiment register');
    await screenshot(page, 'experiments');
    assert.match(await page.locator('main').innerText(), /Gemeentelijke belastingen|gemeentelijke belastingen/i);

    await page.goto(`${p.url}/experimenten/waterschapsbelasting`);
    await expectAccessible(page, 'experiment page (idea)');
    await page.locator('select#to').selectOption('plan');
    await page.locator('textarea#reason').fill('Waterschappen en gemeenten werken het plan uit.');
    await page.getByRole('button', { name: 'Fase wijzigen' }).click();
    await page.waitForLoadState('load');
    const history = await page.locator('#history, section[aria-labelledby="history"]').first().innerText();
    assert.match(history, /Waterschappen en gemeenten werken het plan uit\./);
    await expectAccessible(page, 'experiment page (after the move)');

    await page.goto(`${p.url}/experimenten/gemeentelijke-belastingen?lang=en`);
    await expectAccessible(page, 'experiment page (running, English)');
  });
});
