import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startPlatform, type Platform } from '../../src/platform.ts';
import { CONSENT_TODAY, cakSignal, runConsentExperiment } from '../helpers/consent-experiment.ts';
import { startMailSink } from '../helpers/mail.ts';
import { connectDemoIdentity } from '../../src/app/seed/demo-identity.ts';
import { startDemoIdentity, type DemoIdentity } from '../../src/simulation/demo-identity.ts';
import { DEMO_IDP_PASSWORD } from '../../src/simulation/identity-provider/demo-accounts.ts';
import { exportDdas } from '../../src/app/ddas/export-ddas.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import type { SignalInput } from '../../src/domain/signals/signal.ts';
import { RESIDENT_LANGS } from '../../src/web/pages/resident/messages.ts';
import { expectAccessible, launchBrowser, screenshot } from './helpers.ts';

/** The resident's page on a phone (390×844): a code from the letter, a choice, and what intake then does with the creditor's signal. */
describe("the resident's own page in a real browser on a phone (chromium + axe)", () => {
  let p: Platform;
  let database: Awaited<ReturnType<(typeof ENGINES)[0]['open']>>;
  let demo: DemoIdentity;
  let mail: Awaited<ReturnType<typeof startMailSink>>;
  let browser: Browser;
  let page: Page;
  let key: string;
  const codes = new Map<string, string>();
  const api = (path: string, body: unknown) => fetch(`${p.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const send = async (s: SignalInput) => {
    const res = await api('/v1/signals', s);
    return { status: res.status, body: (await res.json()) as { results?: Array<{ outcome: string; signalId?: string; refusals: Array<{ code: string; citation?: { article: string; item?: string } }> }>; invalidParams?: Array<{ code: string; reason: string }> } };
  };

  async function openWithCode(reference: string, house: string) {
    await page.goto(`${p.url}/mijn-signaal`);
    await page.getByLabel('Code uit de brief').fill(codes.get(reference)!);
    await page.getByLabel('Postcode').fill('1012 LG');
    await page.getByLabel('Huisnummer').fill(house);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { name: 'Wat mag CAK doorgeven?' }).waitFor();
  }

  async function choose(label: RegExp, email?: string) {
    await page.getByLabel(label).check();
    if (email) await page.getByLabel('Uw e-mailadres (niet verplicht)').fill(email);
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page.getByText('Uw keuze is opgeslagen').waitFor();
  }

  before(async () => {
    database = await ENGINES[0]!.open();
    mail = await startMailSink();
    p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 0, loginAttemptsPerMinute: 0, matchingIntervalMs: 0, intakeWorkers: 0, mailer: mail.mailer, now: () => new Date(`${CONSENT_TODAY}T10:00:00Z`) });
    key = p.seed!.apiKeys.find((k) => k.organisation === 'cak')!.token;
    await runConsentExperiment(p);
    demo = await startDemoIdentity({ platformUrl: p.url });
    await connectDemoIdentity(p.deps, demo.connection);
    const res = await api('/v1/reminder-codes', {
      reminders: ['b-obj', 'b-consent', 'b-help'].map((reference, i) => ({ reference, postcode: '1012LG', houseNumber: String(i + 11), expiresOn: '2025-06-20' })),
    });
    for (const c of ((await res.json()) as { codes: Array<{ reference: string; code: string }> }).codes) codes.set(c.reference, c.code);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', isMobile: true, hasTouch: true })).newPage();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    await p?.stop();
    await mail?.close();
    await database?.drop();
  });

  it('offers the page in every language, accessible (axe), Arabic right to left, no horizontal scrolling on a phone', async () => {
    for (const lang of RESIDENT_LANGS) {
      await page.goto(`${p.url}/mijn-signaal?taal=${lang}`);
      const wrapper = page.locator('.vs-resident');
      assert.equal(await wrapper.getAttribute('lang'), lang);
      assert.equal(await wrapper.getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      // The document is in the page's language, and its header offers every language the page is in.
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const offered = await page.evaluate<string[]>("[...document.querySelectorAll('header .vs-resident-langs [lang]')].map((e) => e.getAttribute('lang'))");
      assert.deepEqual(offered, [...RESIDENT_LANGS], `the header offers every language (${lang})`);
      await expectAccessible(page, `/mijn-signaal in ${lang}`);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `no horizontal scroll in ${lang} (${overflow}px)`);
    }
    const external = await page.evaluate<string[]>(
      "[...document.querySelectorAll('script[src], link[href], img[src]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '').filter((u) => /^https?:/.test(u) && !u.startsWith(location.origin))",
    );
    assert.deepEqual(external, [], 'no third-party assets');
    // …and the browser is told to load none: every source in the policy is the platform itself (or inline data).
    const csp = (await fetch(`${p.url}/mijn-signaal`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /\shttps?:|\*/, `no other origin allowed: ${csp}`);
    // The header's switch is how a resident changes language: from Dutch to Polish and on to Turkish.
    await page.goto(`${p.url}/mijn-signaal`);
    await page.locator('header').getByRole('link', { name: 'Polski' }).click();
    await page.locator('html[lang=pl]').waitFor();
    await page.locator('header').getByRole('link', { name: 'Türkçe' }).click();
    await page.locator('html[lang=tr]').waitFor();
  });

  it('a code and an objection: the page explains, confirms on screen and by e-mail, and the creditor\'s signal is refused citing art. 1.2 d', async () => {
    await openWithCode('b-obj', '11');
    await screenshot(page, 'mijn-signaal');
    assert.ok(await page.getByText('Gemeente Amsterdam', { exact: false }).first().isVisible());
    assert.equal(await page.getByText('250').count(), 0, 'no amount without DigiD');
    await expectAccessible(page, 'the explanation of a reminder');
    // The choices read as lines on a phone: each label beside its button, not squeezed into the button's width.
    const narrowest = await page.evaluate<number>("Math.min(...[...document.querySelectorAll('label.utrecht-form-label--radio')].map((l) => l.getBoundingClientRect().width))");
    assert.ok(narrowest > 250, `a choice's label is ${narrowest}px wide on a 390px phone`);
    // The question is printed once (issue 20: no heading printed twice); it still names the group of choices.
    const printed = await page.evaluate<number>(
      "[...document.querySelectorAll('main h1, main h2, main h3, main legend, main label, main p')].filter((e) => e.textContent.trim() === 'Wat wilt u?' && e.getBoundingClientRect().width > 1).length",
    );
    assert.equal(printed, 1, "'Wat wilt u?' is on screen once");
    await page.getByRole('group', { name: 'Wat wilt u?' }).getByRole('radio').first().waitFor();
    await choose(/Ik wil niet dat CAK/, 'inwoner@example.test');
    await expectAccessible(page, 'the confirmation');
    const m = await mail.sink.waitFor('inwoner@example.test');
    assert.match(m.text, /Uw keuze is opgeslagen/);
    // The same page in Arabic keeps the reminder open and reads right to left.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('.vs-resident[dir=rtl]').waitFor();
    await expectAccessible(page, 'the reminder page in Arabic');
    for (const lang of ['en', 'tr', 'pl'] as const) {
      await page.locator(`button[name=taal][value=${lang}]`).click();
      await page.locator(`.vs-resident[lang=${lang}]`).waitFor();
      await expectAccessible(page, `the reminder page in ${lang}`);
    }

    const r = await send(cakSignal('b-obj', 11));
    assert.equal(r.status, 422);
    const refusal = r.body.invalidParams?.[0];
    assert.equal(refusal?.code, 'RESIDENT_OBJECTED');
    assert.match(refusal?.reason ?? '', /art\. 1\.2 onder d/, 'the article is cited');
  });

  it('consent in an arm with prior consent lets the signal through; without it, it is refused', async () => {
    const before = await send(cakSignal('b-consent', 12));
    assert.equal((before.body.results?.[0]?.refusals[0] ?? before.body.invalidParams?.[0])?.code, 'PRIOR_CONSENT_MISSING');
  });

  it('consent given on the page lets the signal through', async () => {
    // A new reference (the refused one stays refused): the creditor asks a code for its next reminder.
    const res = await api('/v1/reminder-codes', { reminders: [{ reference: 'b-consent-2', postcode: '1012LG', houseNumber: '12', expiresOn: '2025-06-20' }] });
    codes.set('b-consent-2', ((await res.json()) as { codes: Array<{ code: string }> }).codes[0]!.code);
    await openWithCode('b-consent-2', '12');
    await choose(/Ik vind het goed dat CAK/);
    assert.equal((await send(cakSignal('b-consent-2', 12))).status, 201);
    // Now the choice is final: the page says so.
    await openWithCode('b-consent-2', '12');
    assert.ok(await page.getByText('Het signaal is al verstuurd').isVisible());
    await expectAccessible(page, 'a reminder whose signal arrived');
  });

  it('a help request arrives as a warm transfer (DDAS warmeOverdracht)', async () => {
    await openWithCode('b-help', '13');
    await choose(/Ik wil nu al hulp/);
    const r = await send(cakSignal('b-help', 13));
    assert.equal(r.status, 201);
    const id = r.body.results![0]!.signalId!;
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    const out = await exportDdas(p.deps, systemContext('GM0363', 'test', 'job'), { aanleverperiodeStartdatum: '2025-05-01', aanleverperiodeEinddatum: '2025-06-30' }, { supplierCode: 'test', clientDetail: 'none' });
    const text = JSON.stringify(out.gegevens);
    assert.match(text, new RegExp(`"ID":"${id}"`));
    assert.match(text, /"warmeOverdracht":true/);
  });

  it('DigiD login shows the signals about the person, with the amount', async () => {
    assert.equal((await send(cakSignal('b-digid', 14, 'rdam', { bsn: '999993653', amount: '321.45' }))).status, 201);
    await page.goto(`${p.url}/mijn-signaal`);
    await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
    await page.locator('#username').waitFor();
    await page.locator('#username').fill('digid-inwoner');
    await page.locator('#password').fill(DEMO_IDP_PASSWORD);
    await page.locator('button[type=submit].primary').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/mijn-signaal') && !u.pathname.endsWith('/terug'));
    assert.match(page.url(), /\/mijn-signaal\/digid\/overzicht/, await page.locator('body').innerText());
    await page.getByRole('heading', { name: 'Signalen over u' }).waitFor();
    assert.ok(await page.getByText(/321,45/).isVisible(), 'the amount, after DigiD');
    await expectAccessible(page, 'the DigiD overview');
    // In every language the page offers, the overview stays open (the session cookie) and accessible.
    for (const lang of RESIDENT_LANGS.filter((l) => l !== 'nl')) {
      await page.locator(`header a[hreflang=${lang}]`).click();
      await page.locator(`html[lang=${lang}]`).waitFor();
      assert.match(page.url(), /\/mijn-signaal\/digid\/overzicht/);
      assert.ok(await page.getByText(lang === 'pl' || lang === 'tr' || lang === 'ar' ? /321/ : /321\.45/).first().isVisible(), `the amount in ${lang}`);
      await expectAccessible(page, `the DigiD overview in ${lang}`);
    }
    await page.locator('header a[hreflang=nl]').click();
    await page.locator('html[lang=nl]').waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByLabel('Code uit de brief').waitFor();
  });
});
