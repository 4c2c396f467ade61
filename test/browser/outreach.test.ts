import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { ENGINES } from '../helpers/engines.ts';
import { startMailSink } from '../helpers/mail.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { submitSignals } from '../../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../../src/app/matching/match-signals.ts';
import { systemContext } from '../../src/app/auth/system-actor.ts';
import { signalsWithState, STATE_COLUMNS } from '../../src/db/repositories/signal-state.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';
import { pdfTextOf } from '../helpers/pdf-text.ts';

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('outreach to residents in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let mail: Awaited<ReturnType<typeof startMailSink>>;
  let browser: Browser;
  let page: Page;
  const caseOf = async (reference: string) => (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', reference).executeTakeFirstOrThrow()).case_id!;

  before(async () => {
    mail = await startMailSink();
    p = await startTestPlatform(ENGINES[0]!, { mailer: mail.mailer });
    const out = await submitSignals(
      p.deps,
      systemContext('demo-woningcorporatie', 'test'),
      [
        rentSignal('bo-mail', { address: { street: 'Kerkstraat', postcode: '1011AB', houseNumber: '70', city: 'Amsterdam' }, person: { initials: 'A.', surname: 'Bakker' }, email: 'a.bakker@example.nl' }),
        rentSignal('bo-letter', { address: { street: 'Molenweg', postcode: '1012CD', houseNumber: '9', city: 'Amsterdam' }, person: { initials: 'Ş.', surname: 'Łukaszewicz' } }),
      ],
      { dryRun: false },
    );
    for (const o of out) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    await mail?.close();
  });

  it("downloads a queue's letters as one PDF, one page a letter", async () => {
    await logIn(page, p.url, 'coordinator@amsterdam.demo');
    await page.goto(`${p.url}/werklijst/brieven`);
    await page.getByRole('heading', { level: 1, name: 'Brieven afdrukken' }).waitFor();
    await expectAccessible(page, 'print letters (nl)');
    const caseId = await caseOf('bo-letter');
    const queueId = (await sql<{ q: string }>`select queue_id::text as q from cases where id = ${caseId}`.execute(p.deps.db)).rows[0]!.q;
    const inQueue = (await sql<{ n: number }>`select count(*)::int as n from cases where queue_id = ${queueId} and status <> 'closed'`.execute(p.deps.db)).rows[0]!.n;
    const [download, response] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForResponse((r) => r.url().endsWith(`/werklijst/brieven/${queueId}/brieven.pdf`)),
      page.locator(`#print-${queueId} button`).click(),
    ]);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    const pdf = await readFile((await download.path())!);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    assert.equal(pageCount(pdf), inQueue);
    const letters = (await sql<{ n: number }>`select count(*)::int as n from contact_attempts where contact_type = 'Brief'`.execute(p.deps.db)).rows[0]!.n;
    assert.equal(letters, inQueue, 'every printed letter is a contact attempt');
    const text = pdfTextOf(pdf);
    assert.match(text, /Ş\. ?Łukaszewicz/, 'a name outside Latin-1 printed as written');
    assert.match(text, /Molenweg 9/);
    // The next run prints only cases without a letter yet; ticking the box prints them all again.
    await page.reload();
    const row = page.locator('tr', { has: page.locator(`#print-${queueId}`) });
    assert.equal((await row.locator('td').nth(2).innerText()).trim(), '0', 'no case of the queue is still without a letter');
    await row.getByLabel('Ook zaken die al een brief kregen').check();
    const [again] = await Promise.all([page.waitForEvent('download'), row.locator('button').click()]);
    assert.equal(pageCount(await readFile((await again.path())!)), inQueue, 'reprinted for every case');
    await page.goto(`${p.url}/werklijst/brieven?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Print letters' }).waitFor();
    await expectAccessible(page, 'print letters (en)');
    await page.goto(`${p.url}/werklijst?lang=nl`);
  });

  it('edits a template with errors per field, in Dutch and English', async () => {
    await page.goto(`${p.url}/instellingen/berichten?kanaal=email&taal=nl`);
    await page.getByRole('heading', { level: 1, name: 'Berichtteksten' }).waitFor();
    await expectAccessible(page, 'templates (nl)');
    await page.getByLabel('Onderwerp').fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Een e-mail heeft een onderwerp nodig.').waitFor();
    await expectAccessible(page, 'templates with an error (nl)');
    await page.getByLabel('Onderwerp').fill('Wij helpen u graag');
    await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Voorbeeld' }).waitFor();
    await expectAccessible(page, 'template preview (nl)');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De tekst is opgeslagen.').waitFor();
    await page.goto(`${p.url}/instellingen/berichten?kanaal=letter&taal=en&lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Message texts' }).waitFor();
    await expectAccessible(page, 'templates (en)');
    await page.goto(`${p.url}/werklijst?lang=nl`);
  });

  it('e-mails a resident from the case page and shows the contact attempt', async () => {
    const caseId = await caseOf('bo-mail');
    await page.context().clearCookies();
    await logIn(page, p.url, 'medewerker@amsterdam.demo');
    await page.goto(`${p.url}/zaken/${caseId}`);
    await page.getByRole('link', { name: 'Brief, e-mail of sms' }).click();
    await page.getByRole('heading', { level: 1, name: `Bericht aan de bewoner van zaak ${caseId}` }).waitFor();
    await expectAccessible(page, 'message (nl)');
    await page.getByLabel('E-mail', { exact: true }).check();
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('button', { name: 'E-mail versturen' }).click();
    await page.getByText('De e-mail is verstuurd en als contactpoging vastgelegd.').waitFor();
    await expectAccessible(page, 'message sent (nl)');
    const got = await mail.sink.waitFor('a.bakker@example.nl');
    assert.match(got.text ?? '', /Bakker/);
    await page.getByRole('link', { name: 'Terug naar de zaak' }).click();
    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId}` }).waitFor();
    assert.equal(await page.locator('section[aria-labelledby="contact-heading"] table tbody tr', { hasText: 'Mail' }).count(), 1);
    await page.goto(`${p.url}/zaken/${caseId}/bericht?lang=en`);
    await page.getByRole('heading', { level: 1, name: `Message to the resident of case ${caseId}` }).waitFor();
    await expectAccessible(page, 'message (en)');
  });
});
