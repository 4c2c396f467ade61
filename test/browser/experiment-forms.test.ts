import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { GROUND_RULES } from '../../src/domain/experiments/ground-rules.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

const ID = 'wmo-pilot-browser';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('experiment register: created and submitted entirely in the web app (chromium + axe)', () => {
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

  const save = async (formAction: string, reason: string) => {
    const form = page.locator(`form[action="/experimenten/${ID}/${formAction}"]`);
    await form.locator('input[name="reason"]').fill(reason);
    await Promise.all([page.waitForURL(/bewerken\?ok=/), form.locator('button[type="submit"]').click()]);
  };

  it('creates an experiment, fills every part, uploads documents, records the analysis plan and submits it past the gate', async () => {
    await logIn(page, p.url, 'beheer@szw.demo');
    await page.goto(`${p.url}/experimenten`);
    await page.getByRole('link', { name: 'Nieuw experiment' }).click();
    await expectAccessible(page, 'new experiment (Dutch)');
    await page.goto(`${p.url}/experimenten/nieuw?lang=en`);
    await expectAccessible(page, 'new experiment (English)');
    await page.goto(`${p.url}/experimenten/nieuw?lang=nl`);

    // Sent empty: the errors at the fields, linked from the summary, and accessible.
    await page.locator('#id').fill('X');
    // The browser's own check is bypassed to see the server's answer (a browser without validation, or a crafted post).
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/experimenten/nieuw') && r.request().method() === 'POST'),
      page.locator('form[action="/experimenten/nieuw"]').evaluate((f) => {
        const form = f as unknown as { noValidate: boolean; requestSubmit(): void };
        form.noValidate = true;
        form.requestSubmit();
      }),
    ]);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#id').getAttribute('aria-invalid'), 'true');
    await expectAccessible(page, 'new experiment with errors');

    await page.locator('#id').fill(ID);
    await page.locator('#nameNl').fill('Wmo-pilot in de browser');
    await page.locator('#nameEn').fill('Wmo pilot in the browser');
    await page.locator('#stage-idea').check();
    await page.locator('#reason').fill('Nieuw idee van SZW');
    await Promise.all([page.waitForURL(/bewerken\?ok=nieuw/), page.getByRole('button', { name: 'Experiment aanmaken' }).click()]);
    await expectAccessible(page, 'edit page (Dutch)');
    await screenshot(page, 'experiment-edit');

    const details = page.locator(`form[action="/experimenten/${ID}/gegevens"]`);
    await details.locator('#signalType').fill('wmo_own_contribution');
    await details.locator('#ruleIds').fill('tr-2.4-cak-wmo');
    await details.locator('#rq0nl').fill('Wat voegt het CAK-signaal toe aan de standaardsignalen?');
    await details.locator('#rq1nl').fill('Werkt het ook zonder voorafgaande toestemming?');
    await details.locator('#targetGroup').fill('Huishoudens met een achterstand op de eigen bijdrage Wmo');
    await details.locator('#plan80On').fill('2025-09-01');
    await details.locator('#plannedStart').fill('2026-01-01');
    await details.locator('#plannedEnd').fill('2027-12-31');
    await save('gegevens', 'Plan uitgewerkt');

    const parts = page.locator(`form[action="/experimenten/${ID}/deelnemers"]`);
    await parts.locator('#p0org').fill('GM0363');
    await parts.locator('#p0role').selectOption('municipality');
    await parts.locator('#p0contacts').fill('Mohamed El Amrani; projectleider; coordinator@amsterdam.demo');
    await parts.locator('#p1org').fill('cak');
    await parts.locator('#p1role').selectOption('creditor');
    await parts.locator('#p1contacts').fill('Vaste contactpersoon CAK; ; signalen@cak.demo');
    await save('deelnemers', 'Amsterdam en CAK doen mee');

    const arms = page.locator(`form[action="/experimenten/${ID}/groepen"]`);
    await arms.locator('#method').selectOption('stratified');
    await arms.locator('#seed').fill('wmo-2026');
    await arms.locator('#a0code').fill('zonder');
    await arms.locator('#a0nameNl').fill('Zonder toestemming');
    await arms.locator('#a0combine').check();
    await arms.locator('#a0consent').selectOption('without');
    await arms.locator('#a1code').fill('met');
    await arms.locator('#a1nameNl').fill('Met toestemming');
    await arms.locator('#a1combine').check();
    await arms.locator('#a1consent').selectOption('with');
    await save('groepen', 'Twee groepen voor de tweede onderzoeksvraag');

    const plan = page.locator(`form[action="/experimenten/${ID}/analyseplan"]`);
    await plan.locator('#primaryOutcome').selectOption('reached');
    await plan.locator('#secondary-helpAccepted').check();
    await plan.locator('#baselinePct').fill('30');
    await plan.locator('#minimalEffectPts').fill('10');
    await plan.locator('#inflowPerMonth').fill('40');
    await save('analyseplan', 'Vooraf geregistreerd');
    const planText = await page.locator('section[aria-labelledby="analyseplan-title"]').innerText();
    assert.match(planText, /Nodig per groep/);
    assert.match(planText, /Werkt het zonder voorafgaande toestemming\?: zonder tegenover met/);

    for (const [kind, name] of [['ap_advice', 'advies-ap.pdf'], ['dpia', 'dpia.pdf'], ['publication', 'publicatie.pdf']] as const) {
      const upload = page.locator(`form[action="/experimenten/${ID}/documenten"]`);
      await upload.locator('#kind').selectOption(kind);
      await upload.locator('#file').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await save('documenten', `${name} ontvangen`);
    }
    assert.equal(await page.locator('section[aria-labelledby="documenten-title"] tbody tr').count(), 3);
    await expectAccessible(page, 'edit page with plan and documents');
    await page.goto(`${p.url}/experimenten/${ID}/bewerken?lang=en`);
    await expectAccessible(page, 'edit page (English)');
    await page.goto(`${p.url}/experimenten/${ID}?lang=nl`);

    // Idea → plan; then the checklist names the ground rules still open, each a link.
    await page.locator('select#to').selectOption('plan');
    await page.locator('textarea#reason').fill('Plan uitwerken');
    await Promise.all([page.waitForURL(/ok=fase/), page.getByRole('button', { name: 'Fase wijzigen' }).click()]);
    const checklist = page.locator('#checklist');
    assert.match(await checklist.innerText(), /Ingediend bij SZW: nog nodig/);
    await expectAccessible(page, 'experiment page with the gate checklist');
    await checklist.scrollIntoViewIfNeeded();
    await screenshot(page, 'experiment-checklist');
    for (const g of GROUND_RULES.filter((x) => x.code !== 'max_duration_5_years')) {
      const form = page.locator(`form[action="/experimenten/${ID}/randvoorwaarden/${g.code}"]`);
      await form.locator(`#met-${g.code}`).check();
      await form.locator(`#note-${g.code}`).fill('Zie plan §3');
      await form.locator(`#reason-${g.code}`).fill('Uitgewerkt');
      await Promise.all([page.waitForURL(/ok=randvoorwaarde/), form.locator('button[type="submit"]').click()]);
    }
    assert.match(await page.locator('#checklist').innerText(), /Ingediend bij SZW: niets meer/);
    await page.locator('select#to').selectOption('submitted');
    await page.locator('textarea#reason').fill('Ingediend bij SZW');
    await Promise.all([page.waitForURL(/ok=fase/), page.getByRole('button', { name: 'Fase wijzigen' }).click()]);
    assert.match(await page.locator('main').innerText(), /Ingediend bij SZW/);
    const row = await p.deps.db.selectFrom('experiments').select('stage').where('id', '=', ID).executeTakeFirstOrThrow();
    assert.equal(row.stage, 'submitted');
    await expectAccessible(page, 'experiment page after submission (Dutch)');
    await screenshot(page, 'experiment-submitted');
    await page.goto(`${p.url}/experimenten/${ID}?lang=en`);
    await expectAccessible(page, 'experiment page after submission (English)');
  });
});
