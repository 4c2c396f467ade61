import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { userContext } from '../helpers/web.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { recordContactAttempt } from '../../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../../src/app/worklist/record-outcome.ts';
import { signalsWithState, STATE_COLUMNS } from '../../src/db/repositories/signal-state.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

describe('the archive in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  const caseOf = async (reference: string) => (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id!;

  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    const out = await submitSignals(
      p.deps,
      systemContext('demo-woningcorporatie', 'test'),
      [
        rentSignal('br-worked', { address: { postcode: '1011AB', houseNumber: '70' }, person: { initials: 'A.', prefix: 'van der', surname: 'Meer' } }),
        rentSignal('br-other', { address: { postcode: '1012CD', houseNumber: '9' }, person: { initials: 'B.', surname: 'Jansen' } }),
      ],
      { dryRun: false },
    );
    for (const o of out) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    const worker = await userContext(p, 'medewerker@amsterdam.demo');
    const worked = await caseOf('br-worked');
    await recordContactAttempt(p.deps, worker, worked, { contactType: 'Telefoon', reached: 'yes', date: new Date().toISOString().slice(0, 10), partOfDay: 'Ochtend' });
    await recordOutcome(p.deps, worker, worked, { result: '(Budget)advies en/of quick fix' });
    await recordOutcome(p.deps, worker, await caseOf('br-other'), { result: 'Niet opgepakt: andere reden' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('finds and re-opens a closed case', async () => {
    const caseId = await caseOf('br-worked');
    await logIn(page, p.url, 'medewerker@amsterdam.demo');
    await page.getByRole('link', { name: 'Archief' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Archief' }).waitFor();
    await expectAccessible(page, 'archive');

    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('Vul ten minste een zaaknummer, postcode, achternaam of periode in.').waitFor();
    await expectAccessible(page, 'archive with an error');

    await page.getByLabel('Achternaam').fill('Van der Meer');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Gevonden afgesloten zaken' }).waitFor();
    await expectAccessible(page, 'archive results');
    const rows = page.locator('table tbody tr');
    assert.equal(await rows.count(), 1);
    await page.getByRole('link', { name: caseId, exact: true }).click();

    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId}` }).waitFor();
    assert.ok(!(await page.getByText('Nog niet opgepakt').count()), 'a closed case shows no signal as not yet picked up');
    await page.getByText('Opgepakt', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Zaak heropenen' }).click();

    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId} heropenen` }).waitFor();
    await expectAccessible(page, 're-open');
    await page.getByLabel('Reden voor heropenen').fill('   ');
    await page.getByRole('button', { name: 'Heropenen' }).click();
    await page.getByText('Geef een reden op.').first().waitFor();
    await expectAccessible(page, 're-open with an error');
    await page.getByLabel('Reden voor heropenen').fill('Inwoner meldt zich opnieuw');
    await page.getByRole('button', { name: 'Heropenen' }).click();

    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId}` }).waitFor();
    await page.getByText('Zaak heropend: Inwoner meldt zich opnieuw').waitFor();
    await page.getByRole('button', { name: 'Zaak afsluiten' }).waitFor();
    const c = await p.deps.db.selectFrom('cases').select(['status', 'result']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(c, { status: 'picked_up', result: null }, 'picked up before, so picked up again: its creditor keeps seeing "Opgepakt"');
    const audits = await p.deps.db.selectFrom('audit_log').select('activity').where('activity', 'in', ['archive.search', 'case.reopen']).execute();
    assert.deepEqual(audits.map((a) => a.activity).sort(), ['archive.search', 'case.reopen']);
  });

  it('the new pages are accessible in English too', async () => {
    await page.goto(`${p.url}/archief?lang=en&postcode=1012+CD`);
    await page.getByRole('heading', { level: 2, name: 'Closed cases found' }).waitFor();
    await expectAccessible(page, 'archive results (English)');
    await page.goto(`${p.url}/archief?caseId=x`);
    await page.getByText('Not a valid case number.').first().waitFor();
    await expectAccessible(page, 'archive with an error (English)');
    await page.goto(`${p.url}/zaken/${await caseOf('br-other')}/heropenen`);
    await page.getByRole('heading', { level: 1, name: /^Re-open case/ }).waitFor();
    await expectAccessible(page, 're-open (English)');
    await page.goto(`${p.url}/archief?lang=nl`);
  });
});
