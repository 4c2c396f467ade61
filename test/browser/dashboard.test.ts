import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { seedDemoSignals } from '../../src/simulation/demo.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

describe('evaluation dashboard in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    await seedDemoSignals(p.deps, 120);
    // Two arms of the tax experiment, some cases picked up: something to compare.
    await sql`update cases set experiment_arm = case when id % 2 = 0 then 'gemeentelijke-belastingen/alleen' else 'gemeentelijke-belastingen/gecombineerd' end`.execute(p.deps.db);
    await sql`update cases set picked_up_on = matching_date + 2, status = 'picked_up' where id % 3 <> 0`.execute(p.deps.db);
    await sql`insert into contact_attempts (case_id, municipality_code, contact_type, reached, attempted_on, part_of_day)
      select id, municipality_code, 'Telefoon', id % 4 <> 0, matching_date + 1, 'Ochtend' from cases where id % 3 <> 0`.execute(p.deps.db);
    await sql`update cases set result = '(Budget)advies en/of quick fix', status = 'closed' where id % 3 = 1`.execute(p.deps.db);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true });
    page = await context.newPage();
    // A CSP violation or a script error would leave the charts blank: fail on either.
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    // The browser asks for /favicon.ico by itself; any other failed resource (a script, the chart data) counts.
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the evaluator opens the dashboard: charts drawn, tables beside them, a CSV downloads, no axe violations', async () => {
    await logIn(page, p.url, 'evaluator@szw.demo');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard monitoring en evaluatie' }).waitFor();
    await page.getByLabel('Van', { exact: true }).fill('2025-01-01');
    await page.getByLabel('Uitsplitsen naar').selectOption('municipality');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/groupBy=municipality/);
    await page.locator('canvas#chart-funnel[data-rendered="true"]').waitFor();
    assert.equal(await page.locator('canvas[data-rendered="true"]').count(), await page.locator('canvas[data-chart]').count(), 'every chart drawn');
    const size = await page.locator('canvas#chart-funnel').boundingBox();
    assert.ok(size && size.width > 300 && size.height > 200, 'the chart has a size');
    assert.ok(await page.evaluate(() => !!(globalThis as unknown as { Chart: { getChart(id: string): unknown } }).Chart.getChart('chart-funnel')), 'Chart.js owns the canvas');
    const funnel = page.getByRole('table', { name: /^Trechter: signaal/ });
    await funnel.waitFor();
    assert.match(await funnel.innerText(), /Amsterdam \(GM0363\)/);
    assert.equal(await page.getByRole('table').count(), 7 + 1, 'a table for every chart, and the comparison with the previous period');
    await page.getByRole('table', { name: 'Trechter: deze periode en de vorige' }).waitFor();
    await expectAccessible(page, 'dashboard: monitoring');
    await page.locator('#h-funnel').evaluate((el: unknown) => (el as { scrollIntoView(): void }).scrollIntoView());
    await screenshot(page, 'dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download als CSV.*Overlap/ }).click()]);
    assert.match(download.suggestedFilename(), /^overlap-municipality-2025-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    assert.match(csv.split('\n')[0]!, /^Gemeente,Huishoudens,Al bekend via standaardsignalen,Nieuw/);
    assert.match(csv, /^GM0363,/m);
    assert.deepEqual(errors, []);
  });

  it('opens on figures per month drawn as lines, and explains every figure in a glossary (Dutch and English)', async () => {
    await page.goto(`${p.url}/dashboard`);
    assert.equal(await page.getByLabel('Uitsplitsen naar').inputValue(), 'month');
    await page.locator('canvas#chart-funnel[data-rendered="true"]').waitFor();
    const type = await page.evaluate(() => (globalThis as unknown as { Chart: { getChart(id: string): { config: { type: string } } } }).Chart.getChart('chart-funnel').config.type);
    assert.equal(type, 'line', 'a time series');
    await page.getByRole('link', { name: 'Begrippen: wat elk cijfer telt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Begrippen van het dashboard' }).waitFor();
    const terms = page.getByRole('table', { name: 'Begrippen van het dashboard' });
    assert.match(await terms.innerText(), /Vroegsignaalzaak\.datum_opgepakt/);
    await expectAccessible(page, 'dashboard: glossary (nl)');
    await screenshot(page, 'dashboard-glossary');
    await page.goto(`${p.url}/dashboard/begrippen?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Terms of the dashboard' }).waitFor();
    await expectAccessible(page, 'dashboard: glossary (en)');
    await page.goto(`${p.url}/dashboard?lang=en`);
    await page.getByRole('table', { name: 'Funnel: this period and the previous one' }).waitFor();
    await page.locator('#h-previous').evaluate((el: unknown) => (el as { scrollIntoView(): void }).scrollIntoView());
    await screenshot(page, 'dashboard-trend');
    await expectAccessible(page, 'dashboard: monitoring (en)');
    await page.goto(`${p.url}/dashboard?lang=nl`);
    assert.deepEqual(errors, []);
  });

  it('the arm comparison and the costs and report part are accessible too', async () => {
    await page.getByRole('link', { name: 'Experimentgroepen vergeleken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Experimentgroepen vergeleken' }).waitFor();
    await page.locator('canvas#chart-arms[data-rendered="true"]').waitFor();
    await page.getByRole('table', { name: 'Aandeel per experimentgroep met 95%-betrouwbaarheidsinterval' }).waitFor();
    await expectAccessible(page, 'dashboard: arms');

    await page.getByLabel('Experiment', { exact: true }).selectOption('gemeentelijke-belastingen');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.getByRole('link', { name: 'Kosten, baten en rapportage' }).click();
    await page.getByRole('heading', { level: 2, name: 'Rapportage aan de Minister (art. 1.3)' }).waitFor();
    await page.locator('canvas#chart-costs[data-rendered="true"]').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Rapport downloaden als PDF' }).isVisible());
    await expectAccessible(page, 'dashboard: costs and report');
    assert.deepEqual(errors, []);
  });
});
