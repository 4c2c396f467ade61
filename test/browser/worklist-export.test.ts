import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { seedDemoSignals } from '../../src/simulation/demo.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

describe('worklist export and capacity statistics in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    await seedDemoSignals(p.deps, 60);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  /** The case numbers in the list's table, in order. */
  const listedIds = async () => (await page.locator('table a[href^="/zaken/"]').allTextContents()).map((s) => s.trim());

  async function download(linkName: string): Promise<{ name: string; bytes: Buffer }> {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
    return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
  }

  it('export the worklist: the CSV and XLSX downloads open and hold what the list shows', async () => {
    await logIn(page, p.url, 'coordinator@amsterdam.demo');
    await page.goto(`${p.url}/werklijst?sort=amount`);
    await page.getByRole('heading', { level: 1, name: 'Werklijst' }).waitFor();
    await expectAccessible(page, 'worklist with export links');
    const ids = await listedIds();
    assert.ok(ids.length > 0);
    const total = Number(/(\d+)/.exec((await page.locator('table caption').innerText()).replace(/\./g, ''))![1]);

    const csv = await download('Download als CSV');
    assert.match(csv.name, /^werklijst-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8');
    assert.ok(text.startsWith('\ufeff'));
    const records = parse(text.slice(1), { delimiter: ';' }) as string[][];
    assert.deepEqual(records[0]!.slice(0, 3), ['Zaak', 'Adres', 'Signalen']);
    assert.equal(records.length - 1, total, 'every case of the list, not only this page');
    assert.deepEqual(records.slice(1, ids.length + 1).map((r) => r[0]), ids, 'in the order of the list');
    const firstRow = page.locator('table tbody tr').first();
    assert.equal(records[1]![1], (await firstRow.locator('td').nth(2).innerText()).trim(), 'the address as the list shows it');

    const xlsx = await download('Download als Excel (XLSX)');
    assert.match(xlsx.name, /\.xlsx$/);
    const sheet = (await readXlsxFile(xlsx.bytes))[0]!.data;
    assert.equal(sheet[0]![0], 'Zaak');
    assert.deepEqual(sheet.slice(1, ids.length + 1).map((r) => String(r[0])), ids);

    await page.goto(`${p.url}/werklijst?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Worklist' }).waitFor();
    await expectAccessible(page, 'worklist with export links (English)');
    const en = await download('Download as CSV');
    assert.equal((parse(en.bytes.toString('utf8').slice(1), { delimiter: ';' }) as string[][])[0]![0], 'Case');
    const exports = await p.deps.db.selectFrom('audit_log').select('activity').where('activity', '=', 'worklist.export').execute();
    assert.equal(exports.length, 3, 'each export audited');
  });

  it('the capacity page shows statistics per worker and per district, accessible in Dutch and English', async () => {
    await page.goto(`${p.url}/capaciteit?lang=nl`);
    await page.getByRole('heading', { level: 1, name: 'Capaciteit' }).waitFor();
    await page.getByRole('table', { name: /^Per behandelaar van/ }).waitFor();
    await page.getByRole('table', { name: /^Per wijk/ }).waitFor();
    await expectAccessible(page, 'capacity with statistics');
    await page.getByLabel('Van').fill('2020-01-01');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/from=2020-01-01/);
    const xlsx = await download('Download als Excel (XLSX)');
    assert.equal((await readXlsxFile(xlsx.bytes)).length, 2, 'one sheet per worker, one per district');
    await page.goto(`${p.url}/capaciteit?from=nonsense`);
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'capacity with a wrong date');
    await page.goto(`${p.url}/capaciteit?lang=en`);
    await page.getByRole('table', { name: /^Per worker from/ }).waitFor();
    await expectAccessible(page, 'capacity with statistics (English)');
  });
});
