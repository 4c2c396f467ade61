import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { signalsWithState, STATE_COLUMNS } from '../../src/db/repositories/signal-state.ts';
import { addDays } from '../../src/domain/matching/dates.ts';
import { dutchToday } from '../../src/domain/worklist/deadlines.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';
import { startMailSink } from '../helpers/mail.ts';
import { sendDigests } from '../../src/app/digest/send-digests.ts';
import { addWorkingDays, isWorkingDay } from '../../src/domain/calendar/dutch-holidays.ts';

describe('the daily digest on the start page in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let mail: Awaited<ReturnType<typeof startMailSink>>;
  const ids: Record<string, string> = {};
  before(async () => {
    mail = await startMailSink();
    p = await startTestPlatform(ENGINES[0]!, { mailer: mail.mailer });
    const signals = [
      rentSignal('bd-crisis', { crisis: true, address: { postcode: '1011AB', houseNumber: '80' }, person: { initials: 'A.', surname: 'Crisisnaam' } }),
      rentSignal('bd-soon', { address: { postcode: '1011AB', houseNumber: '82' } }),
      rentSignal('bd-late', { address: { postcode: '1011AB', houseNumber: '84' } }),
    ];
    for (const o of await submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), signals, { dryRun: false })) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    const today = dutchToday(new Date());
    const due: Record<string, string> = { 'bd-crisis': addDays(today, 20), 'bd-soon': today, 'bd-late': addDays(today, -3) };
    for (const [reference, d] of Object.entries(due)) {
      ids[reference] = String((await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id);
      await sql`update cases set due_date = ${d}::date, opened_at = now() where id = ${ids[reference]}::bigint`.execute(p.deps.db);
    }
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await mail?.close();
  });

  it("shows a worker today's crisis, due and overdue cases as links, accessible in Dutch and English", async () => {
    await logIn(page, p.url, 'medewerker@amsterdam.demo');
    await page.goto(`${p.url}/`);
    await page.getByRole('heading', { level: 2, name: 'Uw overzicht van vandaag' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Nieuwe crisiszaken: 1' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Termijn binnen 2 werkdagen: 1' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Termijn verlopen: 1' }).waitFor();
    assert.equal(await page.locator(`a[href="/zaken/${ids['bd-late']}"]`).count(), 1);
    assert.doesNotMatch(await page.locator('main').innerText(), /Crisisnaam|1011/, 'case numbers only, as in the e-mail');
    await expectAccessible(page, 'start page with the digest');

    await page.goto(`${p.url}/?lang=en`);
    await page.getByRole('heading', { level: 2, name: "Today's overview" }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Deadline passed: 1' }).waitFor();
    await expectAccessible(page, 'start page with the digest (English)');

    await page.getByRole('link', { name: new RegExp(`^Case ${ids['bd-crisis']},`) }).click();
    await page.waitForURL(`${p.url}/zaken/${ids['bd-crisis']}`);
  });

  it('receives the digest by e-mail and opens a case from its link', async () => {
    // The digest job's morning run: today when it is a working day, else the next one at 07:00 Amsterdam.
    const today = dutchToday(new Date());
    const morning = isWorkingDay(today) ? new Date() : new Date(`${addWorkingDays(today, 1)}T06:00:00Z`);
    const run = await sendDigests({ ...p.deps, now: () => morning }, systemContext('platform-beheer', 'digest', 'job'), { baseUrl: p.url });
    assert.ok(run.sent >= 1, `digest sent: ${JSON.stringify(run)}`);
    const got = await mail.sink.waitFor('medewerker@amsterdam.demo');
    assert.match(got.subject, /^Uw overzicht van vroegsignaal voor /);
    assert.match(got.text, /Termijn verlopen: \d/);
    assert.doesNotMatch(got.text + got.html, /Crisisnaam|1011/, 'case numbers only');
    const link = (got.text.match(/https?:\/\/\S+/g) ?? []).find((l) => l === `${p.url}/zaken/${ids['bd-late']}`);
    assert.ok(link, `a link to the overdue case in: ${got.text}`);
    await page.goto(link);
    await page.waitForURL(`${p.url}/zaken/${ids['bd-late']}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(ids['bd-late']!) }).waitFor();
  });
});
