import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { seedDemoSignals } from '../../src/simulation/demo.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

describe('creditor portal in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let batchUrl: string;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    await seedDemoSignals(p.deps, 20);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage();
    dir = await mkdtemp(path.join(os.tmpdir(), 'vs-creditor-'));
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('logs in as a creditor, uploads a CSV with progress, and sees the per-row results', async () => {
    await logIn(page, p.url, 'aanlevering@demo-woningcorporatie.demo');
    await page.goto(`${p.url}/aanleveren`);
    await page.getByRole('heading', { level: 1, name: 'Aanleveren' }).waitFor();
    await expectAccessible(page, 'deliver page');

    // 400 rows so the upload takes a moment: the progress bars must move and end full.
    const rows = Array.from({ length: 400 }, (_, i) => (i === 1 ? rentCsvRow('BROWSER-2', { postcode: '12' }) : rentCsvRow(`BROWSER-${i + 1}`)));
    const file = path.join(dir, 'browser-upload.csv');
    await writeFile(file, [CSV_HEADER, ...rows].join('\n'));
    await page.getByLabel('Bestand', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Uploaden' }).click();
    await page.getByText(/Klaar: 400 regels verwerkt — 399 aangenomen, 1 geweigerd/).waitFor({ timeout: 30_000 });
    // <progress> value and max reflect their attributes.
    const bars = [];
    for (const id of ['upload-bar', 'process-bar']) {
      const bar = page.locator(`#${id}`);
      bars.push(Number(await bar.getAttribute('value')) / Number(await bar.getAttribute('max')));
    }
    assert.deepEqual(bars, [1, 1], 'both progress bars are complete');
    await expectAccessible(page, 'deliver page after an upload');
    await screenshot(page, 'creditor-upload');

    await page.getByRole('link', { name: 'Bekijk de resultaten per regel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanlevering browser-upload.csv' }).waitFor();
    batchUrl = page.url();
    await page.getByText('400 regels: 399 aangenomen, 1 geweigerd, 0 dubbel, 0 conflict').waitFor();
    await page.getByRole('cell', { name: 'BROWSER-2', exact: true }).waitFor();
    await page.getByText('De postcode is ongeldig (verwacht: 1234 AB).').waitFor();
    await expectAccessible(page, 'batch page');
    await page.locator('#results-heading').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await screenshot(page, 'creditor-batch');
  });

  it('downloads the results CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download de resultaten (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /^resultaten-[0-9a-f-]+\.csv$/);
    const saved = path.join(dir, 'results.csv');
    await download.saveAs(saved);
    const lines = (await readFile(saved, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 401);
    assert.match(lines[2]!, /^2,BROWSER-2,refused,.*POSTCODE_INVALID/);
    assert.match(lines[1]!, /^1,BROWSER-1,accepted,\d+,besluit-gemeentelijke-schuldhulpverlening\/2021-01-01/);
  });

  it('explains a refused row and every other creditor page is accessible (0 axe violations)', async () => {
    await page.goto(`${batchUrl}?uitkomst=refused`);
    await page.getByRole('link', { name: 'Waarom regel 2?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regel 2 van browser-upload.csv' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Reden 1: code POSTCODE_INVALID' }).waitFor();
    await expectAccessible(page, 'row explanation');
    await page.getByRole('link', { name: 'Meer over code POSTCODE_INVALID' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weigeringscode POSTCODE_INVALID' }).waitFor();
    await expectAccessible(page, 'refusal code page');

    await page.goto(`${p.url}/wat-mag-ik-aanleveren`);
    await page.getByRole('heading', { level: 1, name: 'Wat mag ik aanleveren?' }).waitFor();
    await expectAccessible(page, 'what may I send');
    await screenshot(page, 'creditor-may-send');
    // What of a designation is not verified stands beside it, with the way to the full list.
    await page.getByText('Nog te verifiëren').first().waitFor();
    await page.getByRole('link', { name: 'Alle niet geverifieerde waarden staan op Regels in werking.' }).first().waitFor();
    await page.getByLabel('Weigeringscode').fill('reminder_missing');
    await page.getByRole('button', { name: 'Uitleggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weigeringscode REMINDER_MISSING' }).waitFor();
    await page.getByText(/art\. 2 onder c/).first().waitFor();
    await expectAccessible(page, 'refusal code with articles');

    await page.goto(`${p.url}/signalen`);
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    await expectAccessible(page, 'signals');
    await screenshot(page, 'creditor-signals');
    await page.getByLabel('Kenmerk').fill('BROWSER-399');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/kenmerk=BROWSER-399/);
    await page.getByRole('link', { name: 'BROWSER-399', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Signaal BROWSER-399' }).waitFor();
    await page.getByText('De gemeente heeft het signaal nog niet opgepakt.').waitFor();
    await expectAccessible(page, 'signal page');

    await page.goto(`${p.url}/signalen?van=gisteren`);
    await page.getByText('Geen geldige datum (JJJJ-MM-DD); dit filter is niet toegepast.').first().waitFor();
    await expectAccessible(page, 'signals with a filter error');

    await page.goto(`${p.url}/aanleveren/kolommen`);
    await page.getByRole('heading', { level: 1, name: 'Sjabloon en kolommen' }).waitFor();
    await expectAccessible(page, 'template columns');

    await page.goto(`${p.url}/wat-mag-ik-aanleveren?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'What may I send?' }).waitFor();
    await expectAccessible(page, 'what may I send (English)');
    await page.goto(`${p.url}/aanleveren?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Deliver' }).waitFor();
    await expectAccessible(page, 'deliver page (English)');
    await page.goto(`${p.url}/aanleveren?lang=nl`);
  });

  it('a processor sees what it may send on behalf of each creditor (accessible)', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await logIn(page, p.url, 'aanlevering@demo-verwerker.demo');
    await page.goto(`${p.url}/wat-mag-ik-aanleveren`);
    await page.getByRole('heading', { level: 2, name: 'Namens Demo Woningcorporatie' }).waitFor();
    await expectAccessible(page, 'what may I send (processor)');
  });

  it('"Regels in werking" shows what is in force on a date, and what is not verified, without logging in (accessible, Dutch and English)', async () => {
    const anonymous = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
    await anonymous.goto(`${p.url}/regels?datum=2025-09-01`);
    await anonymous.getByRole('heading', { level: 1, name: 'Regels in werking' }).waitFor();
    await anonymous.getByRole('heading', { level: 3, name: /Achterstallige studieschuld \(DUO\).*niet geverifieerd/ }).waitFor();
    assert.ok(await anonymous.getByRole('cell', { name: /Achterstand gemeentelijke belastingen/ }).isVisible(), 'the repealed tax signal is listed as not in force');
    await expectAccessible(anonymous, 'rules in force');
    await screenshot(anonymous, 'rules-in-force');
    await anonymous.goto(`${p.url}/regels?datum=2026-12-04&lang=en`);
    await anonymous.getByRole('heading', { level: 1, name: 'Rules in force' }).waitFor();
    await expectAccessible(anonymous, 'rules in force (English)');
    await anonymous.context().close();
  });
});
