import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { pdfTextOf } from '../helpers/pdf-text.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { userContext } from '../helpers/web.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { recordContactAttempt } from '../../src/app/worklist/record-contact-attempt.ts';
import { signalsWithState, STATE_COLUMNS } from '../../src/db/repositories/signal-state.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import { expectAccessible, launchBrowser, logIn, screenshot } from './helpers.ts';

const BSN = '111222333';
const OTHER_BSN = '123456782';

const tax = (reference: string, o: Partial<SignalInput>): SignalInput => ({
  reference,
  signalType: 'municipal_tax',
  signalDate: '2025-03-14',
  municipalityCode: 'GM0363',
  amount: '412.00',
  components: { municipal_tax: '412.00' },
  arrearStartDate: '2024-10-01',
  phone: '0612345678',
  socialCollection: rentSignal('x').socialCollection!,
  person: { initials: 'J.', prefix: 'de', surname: 'Vries' },
  address: { street: 'Damrak', houseNumber: '1', postcode: '1012LG', city: 'Amsterdam' },
  ...o,
});

describe('privacy screens in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let signalId: string;

  before(async () => {
    p = await startTestPlatform(ENGINES[0]!);
    const out = await submitSignals(
      p.deps,
      systemContext('belastingen-amsterdam', 'test'),
      [tax('bp-1', { bsn: BSN, email: 'j.devries@example.org' }), tax('bp-2', { bsn: OTHER_BSN, address: { street: 'Damrak', houseNumber: '5', postcode: '1012LG', city: 'Amsterdam' }, person: { initials: 'K.', surname: 'Bakker' } })],
      { dryRun: false },
    );
    for (const o of out) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    const s = await signalsWithState(p.deps.db).select(['signals.id']).select(STATE_COLUMNS).where('signals.reference', '=', 'bp-1').executeTakeFirstOrThrow();
    signalId = String(s.id);
    await recordContactAttempt(p.deps, await userContext(p, 'medewerker@amsterdam.demo'), s.case_id!, { contactType: 'Huisbezoek', reached: 'no', date: new Date().toISOString().slice(0, 10), partOfDay: 'Ochtend' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage();
    await logIn(page, p.url, 'privacy@amsterdam.demo');
  });
  after(async () => {
    await browser?.close();
    await p?.close();
  });

  it('answers an access request on screen: find the resident by BSN, see the data, download the PDF', async () => {
    await page.goto(`${p.url}/privacy/inzage`);
    await page.getByRole('heading', { level: 1, name: 'Inzageverzoek' }).waitFor();
    await expectAccessible(page, 'access request form (nl)');
    await page.getByLabel('BSN', { exact: true }).fill(BSN);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Antwoord op uw verzoek om inzage' }).waitFor();
    assert.ok(!page.url().includes(BSN), 'the BSN is not in the address');
    await page.getByText('Gezocht op BSN ******333.').waitFor();
    await page.getByText('j.devries@example.org').first().waitFor();
    await expectAccessible(page, 'access request answered (nl)');
    await screenshot(page, 'access-request');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Antwoord als PDF' }).click()]);
    assert.equal(download.suggestedFilename(), 'inzage-antwoord.pdf');
    const pdf = await readFile((await download.path())!);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const text = pdfTextOf(pdf);
    assert.match(text, /Antwoord op uw verzoek om inzage/);
    assert.match(text, /\*\*\*\*\*\*333/);
    assert.match(text, /Huisbezoek/);
    assert.doesNotMatch(text, new RegExp(BSN));

    await page.goto(`${p.url}/privacy/inzage?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Access request' }).waitFor();
    await expectAccessible(page, 'access request form (en)');
    await page.getByLabel('BSN', { exact: true }).fill(BSN);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 2, name: 'Answer to your access request' }).waitFor();
    await expectAccessible(page, 'access request answered (en)');
    await page.goto(`${p.url}/privacy/inzage?lang=nl`);
  });

  it('corrects a field with a reason and shows before and after', async () => {
    await page.goto(`${p.url}/privacy/correctie?signaal=${signalId}`);
    await page.getByRole('heading', { level: 1, name: 'Gegevens verbeteren' }).waitFor();
    await expectAccessible(page, 'rectification (nl)');
    await page.getByLabel('Veld').selectOption('email');
    await page.getByLabel('Juiste waarde').fill('jan@example.org');
    await page.getByLabel('Reden').selectOption('resident-request');
    await page.getByRole('button', { name: 'Verbeteren' }).click();
    await page.getByText('Het veld is verbeterd.').waitFor();
    await page.getByRole('cell', { name: 'jan@example.org' }).waitFor();
    await expectAccessible(page, 'rectification done (nl)');
    await screenshot(page, 'privacy-rectification');
    await page.goto(`${p.url}/privacy/correctie?signaal=${signalId}&lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Correct data' }).waitFor();
    await expectAccessible(page, 'rectification (en)');
    await page.goto(`${p.url}/privacy/correctie?lang=nl`);
  });

  it('registers an objection, lists it and withdraws it', async () => {
    await page.goto(`${p.url}/privacy/bezwaar`);
    await page.getByRole('heading', { level: 1, name: 'Bezwaren' }).waitFor();
    await expectAccessible(page, 'objections (nl)');
    await page.getByLabel('BSN', { exact: true }).fill(OTHER_BSN);
    await page.getByLabel('Reden van het bezwaar').fill('Wil geen contact');
    await page.getByRole('button', { name: 'Bezwaar registreren' }).click();
    await page.getByText('Het bezwaar is geregistreerd').waitFor();
    await page.getByRole('cell', { name: 'Wil geen contact' }).waitFor();
    await expectAccessible(page, 'objections with one (nl)');
    await screenshot(page, 'privacy-objections');
    await page.goto(`${p.url}/privacy/bezwaar?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Objections' }).waitFor();
    await expectAccessible(page, 'objections (en)');
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('The objection was withdrawn.').waitFor();
    await page.goto(`${p.url}/privacy/bezwaar?lang=nl`);
  });

  it('shows retention terms and tombstones, and the audit trail with filters and the chain check', async () => {
    await page.goto(`${p.url}/privacy/bewaartermijnen`);
    await page.getByRole('heading', { level: 1, name: 'Bewaartermijnen' }).waitFor();
    await page.getByRole('cell', { name: 'Bezwaar', exact: true }).waitFor();
    await expectAccessible(page, 'retention (nl)');
    await screenshot(page, 'privacy-retention');
    await page.goto(`${p.url}/privacy/bewaartermijnen?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
    // the tombstone's reason in the reader's language, not the Dutch sentence it was stored as
    await page.getByRole('cell', { name: /the resident's objection, received after the signal/ }).waitFor();
    await expectAccessible(page, 'retention (en)');

    await page.goto(`${p.url}/audittrail?lang=nl`);
    await page.getByRole('heading', { level: 1, name: 'Audittrail' }).waitFor();
    await page.getByLabel('Door', { exact: true }).fill('Privacyfunctionaris');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('cell', { name: 'subject.access' }).first().waitFor();
    await expectAccessible(page, 'audit trail filtered (nl)');
    await page.getByRole('button', { name: 'Keten nu controleren' }).click();
    await page.getByText(/De keten is gecontroleerd/).waitFor();
    await expectAccessible(page, 'audit trail with the chain checked (nl)');
    await screenshot(page, 'audit-trail');
    await page.goto(`${p.url}/audittrail?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.getByRole('button', { name: 'Check the chain now' }).click();
    await page.getByText(/The chain was checked/).waitFor();
    await expectAccessible(page, 'audit trail with the chain checked (en)');
    await page.goto(`${p.url}/audittrail?lang=nl`);
  });

  it('the coordinator sets the terms and the operator runs retention now', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const c = await ctx.newPage();
    await logIn(c, p.url, 'coordinator@amsterdam.demo');
    await c.goto(`${p.url}/privacy/bewaartermijnen`);
    await c.getByLabel('Signalen die niet zijn opgepakt (maanden na ontvangst)').fill('7');
    await c.getByRole('button', { name: 'Termijnen opslaan' }).click();
    await c.getByText('De termijnen zijn opgeslagen.').waitFor();
    await expectAccessible(c, 'retention terms saved (nl)');
    await ctx.close();
    const octx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const o = await octx.newPage();
    await logIn(o, p.url, 'beheer@platform.demo');
    await o.goto(`${p.url}/beheer/bewaartermijnen`);
    await expectAccessible(o, 'retention for the operator (nl)');
    await o.getByRole('button', { name: 'Nu verwijderen wat over de termijn is' }).click();
    await o.getByText(/Klaar: \d+ (signaal|signalen) en \d+ (zaak|zaken) verwijderd/).waitFor();
    await expectAccessible(o, 'retention run done (nl)');
    await o.goto(`${p.url}/beheer/bewaartermijnen?lang=en`);
    await o.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
    await expectAccessible(o, 'retention for the operator (en)');
    await octx.close();
  });
});
