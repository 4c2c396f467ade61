import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { verifySignatureHeader } from '../../src/domain/referrals/signature.ts';
import { expectAccessible, launchBrowser, logIn } from './helpers.ts';

// Delivery through the platform's own job queue, asked for often so the test need not wait long.
process.env.REFERRAL_DELIVERY_INTERVAL_MS = '300';
const SECRET = 'browser-test-webhook-secret-0123456789abcdef';

describe('hand-off to debt help in a real browser (chromium + axe)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let server: Server;
  let receiverUrl: string;
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let caseId: string;

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vroegsignaal`;
    p = await startTestPlatform(ENGINES[0]!);
    const out = await submitSignals(p.deps, systemContext('demo-woningcorporatie', 'test'), [rentSignal('bref-1', { address: { postcode: '1011AB', houseNumber: '80' } })], { dryRun: false });
    for (const o of out) assert.equal(o.outcome, 'accepted');
    await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
    caseId = (await signalsWithState(p.deps.db).select(STATE_COLUMNS).where('signals.reference', '=', 'bref-1').executeTakeFirstOrThrow()).case_id!;
    const worker = await userContext(p, 'medewerker@amsterdam.demo');
    await recordContactAttempt(p.deps, worker, caseId, { contactType: 'Huisbezoek', reached: 'yes', date: new Date().toISOString().slice(0, 10), partOfDay: 'Ochtend' });
    await recordOutcome(p.deps, worker, caseId, { result: 'Vervolghulp en/of verwijzing financieel' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await p?.close();
    server?.close();
  });

  it('the coordinator connects the debt-help system', async () => {
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
    await logIn(page, p.url, 'coordinator@amsterdam.demo');
    await page.goto(`${p.url}/instellingen/schuldhulp`);
    await page.getByRole('heading', { level: 1, name: 'Koppeling met schuldhulpverlening' }).waitFor();
    await expectAccessible(page, 'referral settings');
    await page.getByLabel('Adres van de webhook (https)').fill('http://debt-help.example/in');
    await page.getByLabel('Gedeeld geheim').fill('too short');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Geef een https-adres op.').first().waitFor();
    await expectAccessible(page, 'referral settings with errors');
    await page.getByLabel('Adres van de webhook (https)').fill(receiverUrl);
    await page.getByLabel('Gedeeld geheim').fill(SECRET);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De koppeling is opgeslagen.').waitFor();
    await page.goto(`${p.url}/instellingen/schuldhulp?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Connection to debt help' }).waitFor();
    await expectAccessible(page, 'referral settings (English)');
    await page.goto(`${p.url}/instellingen/schuldhulp?lang=nl`);
    await page.context().close();
  });

  it('a worker hands the case off with consent, and the signed webhook arrives once', async () => {
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
    await logIn(page, p.url, 'medewerker@amsterdam.demo');
    await page.goto(`${p.url}/zaken/${caseId}`);
    await page.getByRole('heading', { level: 2, name: 'Overdragen aan schuldhulp' }).waitFor();
    await expectAccessible(page, 'case page with the hand-off section');
    await page.getByRole('link', { name: 'Naar de overdracht' }).click();
    await page.getByRole('heading', { level: 1, name: `Zaak ${caseId} overdragen aan schuldhulp` }).waitFor();
    await expectAccessible(page, 'hand-off page');
    await page.getByRole('button', { name: 'Overdragen' }).click();
    await page.getByText('Bevestig dat de inwoner toestemming heeft gegeven.').first().waitFor();
    await expectAccessible(page, 'hand-off page without consent');
    assert.equal(received.length, 0);

    await page.getByLabel('De inwoner heeft toestemming gegeven').check();
    await page.getByRole('button', { name: 'Overdragen' }).click();
    await page.getByText('De zaak is overgedragen.').waitFor();
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(received.length, 1, 'the webhook arrived');
    const r = received[0]!;
    const header = String(r.headers['x-vroegsignaal-signature']);
    assert.ok(verifySignatureHeader(header, SECRET, r.body, Math.floor(Date.now() / 1000)), 'signed with the shared secret');
    const payload = JSON.parse(r.body) as { caseId: string; referralId: string; consent: { given: boolean } };
    assert.equal(payload.caseId, caseId);
    assert.equal(r.headers['x-vroegsignaal-delivery'], payload.referralId);
    assert.equal(payload.consent.given, true);

    await page.reload();
    await page.getByText('Verzonden', { exact: true }).first().waitFor();
    await expectAccessible(page, 'hand-off status');
    const pdf = await page.request.get(`${p.url}/zaken/${caseId}/overdracht.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(received.length, 1, 'once: a 2xx is never followed by another attempt');
    const audits = await p.deps.db.selectFrom('audit_log').select('activity').where('activity', 'like', 'referral.%').orderBy('id').execute();
    assert.deepEqual(audits.map((a) => a.activity), ['referral.endpoint', 'referral.hand-off', 'referral.delivery', 'referral.read']);
  });

  it('the new pages are accessible in English too', async () => {
    await page.goto(`${p.url}/zaken/${caseId}/overdracht?lang=en`);
    await page.getByRole('heading', { level: 1, name: `Hand off case ${caseId} to debt help` }).waitFor();
    await page.getByText('Sent', { exact: true }).first().waitFor();
    await expectAccessible(page, 'hand-off status (English)');
    await page.goto(`${p.url}/zaken/${caseId}`);
    await page.getByRole('heading', { level: 2, name: 'Hand off to debt help' }).waitFor();
    await expectAccessible(page, 'case page with the hand-off section (English)');
    await page.goto(`${p.url}/zaken/${caseId}?lang=nl`);
  });
});
