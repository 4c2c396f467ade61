import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

describe('reminder codes in the creditor portal, in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let dir: string;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage();
    dir = await mkdtemp(path.join(os.tmpdir(), 'vs-codes-'));
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads a CSV, shows the codes and the bad row, and downloads exactly those codes', async () => {
    await logIn(page, p.url, 'aanlevering@demo-woningcorporatie.demo');
    await page.getByRole('link', { name: 'Herinneringscodes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Herinneringscodes' }).waitFor();
    await page.getByText(`${p.url}/mijn-signaal`, { exact: false }).first().waitFor();
    await expectAccessible(page, 'reminder codes page');

    const end = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const file = path.join(dir, 'aanmaningen.csv');
    await writeFile(file, ['reference,postcode,house_number,period_end', `BROWSER-CODE-1,1011AB,12,${end}`, `BROWSER-CODE-BAD,1011AB,12a,${end}`, `BROWSER-CODE-2,3011 ad,,${end}`].join('\n'));
    await page.getByLabel('CSV-bestand').setInputFiles(file);
    await page.getByRole('button', { name: 'Codes aanvragen' }).click();
    await page.getByText('2 van 3 regels kregen een code; 1 regels niet.').waitFor();
    await page.getByText('Het huisnummer is geen getal (zonder toevoeging).').waitFor();
    const shown = await page.locator('table:has(caption:text("Regels met een code")) tbody code').allTextContents();
    assert.equal(shown.length, 2);
    for (const c of shown) assert.match(c, CODE);
    await expectAccessible(page, 'reminder codes result');
    await screenshot(page, 'reminder-codes');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download de codes (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), 'herinneringscodes.csv');
    const saved = path.join(dir, 'codes.csv');
    await download.saveAs(saved);
    const rows = parse(await readFile(saved, 'utf8'), { bom: true }) as string[][];
    assert.deepEqual(rows[0], ['reference', 'postcode', 'house_number', 'code', 'valid_until']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]]),
      [
        ['BROWSER-CODE-1', '1011AB', shown[0], end],
        ['BROWSER-CODE-2', '3011AD', shown[1], end],
      ],
    );

    // English: the same page, and a second upload of a reference is refused for that row.
    await page.goto(`${p.url}/herinneringscodes?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Reminder codes' }).waitFor();
    await expectAccessible(page, 'reminder codes page, English');
    await writeFile(file, ['reference,postcode,period_end', `BROWSER-CODE-1,1011AB,${end}`].join('\n'));
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Ask for codes' }).click();
    await page.getByText('A code was already made for this reference; a code belongs to one reminder.').waitFor();
    await expectAccessible(page, 'reminder codes result, English');
  });
});
