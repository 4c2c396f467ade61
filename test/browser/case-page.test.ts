import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { signalsWithState, STATE_COLUMNS } from '../../src/db/repositories/signal-state.ts';
import { createHttpSmsSender } from '../../src/infra/sms/http-sms-sender.ts';
import { startSmsSink, type SmsSink } from '../../src/simulation/sms-sink/sms-sink.ts';
import { seedDemoSignals } from '../../src/simulation/demo.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

describe('the case page for the job: phone width, two columns, SMS, confirming a rule delete (chromium + axe)', () => {
  let p: TestPlatform;
  let sms: SmsSink;
  let browser: Browser;
  let wide: BrowserContext;
  let phone: BrowserContext;
  let caseId: string;

  /** A new tab in the context, logged in afresh as `email`. */
  const pageAs = async (context: BrowserContext, email: string) => {
    await context.clearCookies();
    const page = await context.newPage();
    await logIn(page, p.url, email);
    return page;
  };
  /** The page's own width (the browser's globals typed here: the tests compile without the DOM library). */
  type Dom = { document: { scrollingElement: { scrollWidth: number } }; getComputedStyle(el: unknown): { borderTopColor: string; borderTopWidth: string } };
  const overflow = (page: Page) => page.evaluate(() => (globalThis as unknown as Dom).document.scrollingElement.scrollWidth);

  before(async () => {
    sms = await startSmsSink({ token: 'browser-sms-token' });
    p = await startTestPlatform(ENGINES[0]!, { sms: createHttpSmsSender({ url: sms.url, token: 'browser-sms-token' }) });
    await seedDemoSignals(p.deps, 30);
    const out = await submitSignals(
      p.deps,
      systemContext('demo-woningcorporatie', 'test'),
      [
        rentSignal('cp-phone', {
          address: { street: 'Burgemeester van Randwijck-Schimmelpenninckstraat', postcode: '1011AB', houseNumber: '170', houseNumberAddition: 'hs', city: 'Amsterdam' },
          person: { initials: 'C.', surname: 'Vermeulen-Oudshoorn' },
          phone: '06 12345678',
          email: 'c.vermeulen-oudshoorn.met.een.heel.lang.adres@voorbeeld-gemeente-amsterdam.example.nl',
        }),
      ],
      { dryRun: false },
    );
    for (const o of out) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    caseId = (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', 'cp-phone').executeTakeFirstOrThrow()).case_id!;
    browser = await launchBrowser();
    wide = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL', isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await sms?.close();
  });

  it('fits a phone 390 px wide: no sideways scrolling of the page, the actions reachable, in Dutch and English', async () => {
    const page = await pageAs(phone, 'medewerker@amsterdam.demo');
    for (const lang of ['nl', 'en'] as const) {
      await page.goto(`${p.url}/zaken/${caseId}?lang=${lang}`);
      await page.getByRole('heading', { level: 1, name: lang === 'nl' ? `Zaak ${caseId}` : `Case ${caseId}` }).waitFor();
      assert.ok((await overflow(page)) <= 390, `the page is no wider than the phone (${lang}): ${await overflow(page)}`);
      // One column: the action column comes below the facts.
      const [main, side] = await Promise.all([page.locator('.vs-case__main').boundingBox(), page.locator('.vs-case__side').boundingBox()]);
      assert.ok(side!.y >= main!.y + main!.height - 1, 'one column on a phone');
      const save = page.getByRole('button', { name: lang === 'nl' ? 'Contactpoging opslaan' : 'Save contact attempt' });
      await save.scrollIntoViewIfNeeded();
      const box = (await save.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the contact attempt button is within the screen');
      // The contact attempts table scrolls in its own labelled region, reachable by keyboard.
      const region = page.getByRole('region', { name: lang === 'nl' ? 'Tabel: Contactpogingen' : 'Table: Contact attempts' });
      assert.equal(await region.getAttribute('tabindex'), '0');
      await expectAccessible(page, `case page at 390 px (${lang})`);
    }
    await page.close();
  });

  it('shows two columns on a wide screen', async () => {
    const page = await pageAs(wide, 'medewerker@amsterdam.demo');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${p.url}/zaken/${caseId}`);
    const [main, side] = await Promise.all([page.locator('.vs-case__main').boundingBox(), page.locator('.vs-case__side').boundingBox()]);
    assert.ok(side!.x > main!.x + main!.width - 1, 'the actions stand to the right of the facts');
    assert.ok(Math.abs(side!.y - main!.y) < 5, 'both columns start at the top');
    assert.ok((await overflow(page)) <= 1280);
    await expectAccessible(page, 'case page, two columns (nl)');
    await page.goto(`${p.url}/zaken/${caseId}?lang=en`);
    await expectAccessible(page, 'case page, two columns (en)');
    await page.close();
  });

  it('does not outline an untouched required field red; it does once the user left it empty', async () => {
    const page = await pageAs(wide, 'medewerker@amsterdam.demo');
    await page.goto(`${p.url}/zaken/${caseId}`);
    const note = page.locator('#note-body');
    const border = () =>
      note.evaluate((el: unknown) => {
        const style = (globalThis as unknown as Dom).getComputedStyle(el);
        return `${style.borderTopColor} ${style.borderTopWidth}`;
      });
    assert.ok(await note.evaluate((el: unknown) => (el as { matches(selector: string): boolean }).matches(':invalid')), 'required and empty: invalid to the browser');
    const untouched = await border();
    await note.fill('Bewoner belt terug.');
    await note.blur();
    const valid = await border();
    assert.equal(untouched, valid, 'an untouched empty required field looks like a valid one');
    await note.fill('');
    await note.blur();
    assert.notEqual(await border(), valid, 'emptied by the user: marked');
    await page.close();
  });

  it('sends a text message from the case page and shows the contact attempt SMS/Whatsapp', async () => {
    const page = await pageAs(phone, 'medewerker@amsterdam.demo');
    await page.goto(`${p.url}/zaken/${caseId}`);
    await page.getByRole('link', { name: 'Brief, e-mail of sms' }).click();
    await page.getByRole('heading', { level: 1, name: `Bericht aan de bewoner van zaak ${caseId}` }).waitFor();
    await page.getByLabel('Sms', { exact: true }).check();
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('button', { name: 'Sms versturen' }).waitFor();
    await expectAccessible(page, 'message, SMS (nl)');
    assert.ok((await overflow(page)) <= 390);
    await page.getByRole('button', { name: 'Sms versturen' }).click();
    await page.getByText('De sms is verstuurd en als contactpoging vastgelegd.').waitFor();
    await expectAccessible(page, 'SMS sent (nl)');
    const got = sms.messages();
    assert.equal(got.length, 1);
    assert.equal(got[0]!.to, '+31612345678');
    assert.equal(got[0]!.authorization, 'Bearer browser-sms-token');
    assert.match(got[0]!.text, /Gemeente Amsterdam/);
    await page.getByRole('link', { name: 'Terug naar de zaak' }).click();
    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId}` }).waitFor();
    assert.equal(await page.locator('section[aria-labelledby="contact-heading"] table tbody tr', { hasText: 'SMS/Whatsapp' }).count(), 1);
    await page.goto(`${p.url}/zaken/${caseId}/bericht?kanaal=sms&lang=en`);
    await page.getByRole('button', { name: 'Send text message' }).waitFor();
    await expectAccessible(page, 'message, SMS (en)');
    await page.close();
  });

  it('asks before deleting a queue rule, saying how many cases move where', async () => {
    const page = await pageAs(wide, 'coordinator@amsterdam.demo');
    await page.goto(`${p.url}/afwegingskader`);
    const before = (await sql<{ n: number }>`select count(*)::int as n from worklist_rules where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n;
    await page.getByRole('link', { name: 'Regel 1 verwijderen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regel 1 verwijderen?' }).waitFor();
    await page.getByText(/open zaken/).first().waitFor();
    await expectAccessible(page, 'rule delete confirmation (nl)');
    assert.equal((await sql<{ n: number }>`select count(*)::int as n from worklist_rules where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n, before, 'nothing deleted yet');
    await page.goto(`${page.url()}?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Delete rule 1?' }).waitFor();
    await expectAccessible(page, 'rule delete confirmation (en)');
    await page.getByRole('button', { name: 'Yes, delete the rule' }).click();
    await page.waitForURL((u) => u.pathname === '/afwegingskader');
    assert.equal((await sql<{ n: number }>`select count(*)::int as n from worklist_rules where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n, before - 1);
    await page.close();
  });
});
