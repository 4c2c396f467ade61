import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startMailSink } from './helpers/mail.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { startSmsSink, type SmsSink } from '../src/simulation/sms-sink/sms-sink.ts';
import { createHttpSmsSender } from '../src/infra/sms/http-sms-sender.ts';
import { e164 } from '../src/domain/outreach/sms.ts';

const WORKER = 'medewerker@amsterdam.demo';
const COORDINATOR = 'coordinator@amsterdam.demo';
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

for (const engine of ENGINES) {
  describe(`web: outreach pages (${engine.name})`, () => {
    let p: TestPlatform;
    let mail: Awaited<ReturnType<typeof startMailSink>>;
    let sms: SmsSink;
    before(async () => {
      mail = await startMailSink();
      sms = await startSmsSink({ token: 'sms-test-token' });
      p = await startTestPlatform(engine, { mailer: mail.mailer, sms: createHttpSmsSender({ url: sms.url, token: 'sms-test-token' }) });
      await seedDemoSignals(p.deps, 40);
    });
    after(async () => {
      await p.close();
      await mail.close();
      await sms.close();
    });

    const caseWith = async (where = sql`true`) =>
      (await sql<{ id: string }>`select c.id::text from cases c join signal_states s on s.case_id = c.id join signals g on g.id = s.signal_id where c.status <> 'closed' and c.municipality_code = 'GM0363' and ${where} order by c.id limit 1`.execute(p.deps.db)).rows[0]!.id;
    const attempts = async (caseId: string, type: string) => (await sql<{ n: number }>`select count(*)::int as n from contact_attempts where case_id = ${caseId} and contact_type = ${type}`.execute(p.deps.db)).rows[0]!.n;
    const postPdf = (s: WebSession, url: string, form: Record<string, string>) =>
      p.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString() });

    it('links the case page to the message page, which previews the merged letter and offers only possible channels', async () => {
      const s = await webLogin(p, WORKER);
      const id = await caseWith(sql`g.email is not null and g.phone is null`);
      const casePage = await s.get(`/zaken/${id}`);
      assert.match(casePage.html, new RegExp(`href="/zaken/${id}/bericht"`));
      assert.match(casePage.html, /Brief, e-mail of sms/);
      const page = await s.get(`/zaken/${id}/bericht`);
      assert.equal(page.status, 200);
      assert.match(page.html, /Brief downloaden \(PDF\)/);
      assert.match(page.html, /value="email"/);
      assert.doesNotMatch(page.html, /value="sms"/, 'no phone number, no SMS');
      assert.match(page.html, /Er is geen mobiel nummer dat een signaal mocht leveren/);
      assert.doesNotMatch(page.html, /\{\{naam\}\}/, 'the merge fields are filled in');
      const en = await s.get(`/zaken/${id}/bericht?kanaal=email&taal=en&lang=en`);
      assert.match(en.html, /Send e-mail/);
    });

    it('streams the one-case letter as a PDF attachment on POST only, and registers the contact attempt Brief', async () => {
      const s = await webLogin(p, WORKER);
      const id = await caseWith(sql`not exists (select 1 from contact_attempts a where a.case_id = c.id)`);
      const res = await postPdf(s, `/zaken/${id}/bericht/brief.pdf`, { taal: 'nl' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="brief-zaak-\d+\.pdf"$/);
      assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
      assert.equal(pageCount(res.rawPayload), 1);
      assert.equal(await attempts(id, 'Brief'), 1);
      const noCsrf = await p.app.inject({ method: 'POST', url: `/zaken/${id}/bericht/brief.pdf`, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'taal=nl' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await postPdf(s, '/zaken/999999999/bericht/brief.pdf', {})).statusCode, 404);
    });

    it('e-mails the resident, shows it, and registers the contact attempt Mail', async () => {
      const s = await webLogin(p, WORKER);
      const id = await caseWith(sql`g.email is not null and not exists (select 1 from contact_attempts a where a.case_id = c.id)`);
      const res = await s.post(`/zaken/${id}/bericht/email`, { taal: 'nl' });
      assert.equal(res.status, 303);
      assert.equal(await attempts(id, 'Mail'), 1);
      assert.ok(mail.sink.messages().length > 0);
      const shown = await s.get(res.location!);
      assert.match(shown.html, /De e-mail is verstuurd/);
    });

    it('texts the resident through the SMS provider, shows it, and registers the contact attempt SMS/Whatsapp', async () => {
      const s = await webLogin(p, WORKER);
      const id = await caseWith(sql`g.phone is not null and not exists (select 1 from contact_attempts a where a.case_id = c.id)`);
      const phone = (await sql<{ phone: string }>`select g.phone from signals g join signal_states s on s.signal_id = g.id where s.case_id = ${id} and g.phone is not null order by g.id desc limit 1`.execute(p.deps.db)).rows[0]!.phone;
      const page = await s.get(`/zaken/${id}/bericht?kanaal=sms`);
      assert.match(page.html, /value="sms"/);
      assert.match(page.html, /Sms versturen/);
      const before = sms.messages().length;
      const res = await s.post(`/zaken/${id}/bericht/sms`, { taal: 'nl' });
      assert.equal(res.status, 303);
      const got = sms.messages().slice(before);
      assert.equal(got.length, 1);
      assert.equal(got[0]!.authorization, 'Bearer sms-test-token');
      assert.equal(got[0]!.to, e164(phone));
      assert.match(got[0]!.text, /^Gemeente Amsterdam: /);
      assert.equal(await attempts(id, 'SMS/Whatsapp'), 1);
      const shown = await s.get(res.location!);
      assert.match(shown.html, /De sms is verstuurd en als contactpoging vastgelegd/);
      const timeline = await s.get(`/zaken/${id}`);
      assert.match(timeline.html, /SMS\/Whatsapp/);
    });

    it('refuses a text message when no signal was allowed to provide a mobile number', async () => {
      const s = await webLogin(p, WORKER);
      const id = await caseWith(sql`not exists (select 1 from signal_states s2 join signals g2 on g2.id = s2.signal_id where s2.case_id = c.id and g2.phone is not null)`);
      const before = sms.messages().length;
      const res = await s.post(`/zaken/${id}/bericht/sms`, { taal: 'nl' });
      assert.equal(res.status, 400);
      assert.match(res.html, /Er is geen mobiel nummer dat een signaal mocht leveren/);
      assert.equal(sms.messages().length, before);
      assert.equal(await attempts(id, 'SMS/Whatsapp'), 0);
    });

    it('prints the letters of a queue as one PDF, one page a letter', async () => {
      const s = await webLogin(p, COORDINATOR);
      const page = await s.get('/werklijst/brieven');
      assert.equal(page.status, 200);
      const queueId = /action="\/werklijst\/brieven\/([^/"]+)\/brieven\.pdf"/.exec(page.html)![1]!;
      const before = (await sql<{ n: number }>`select count(*)::int as n from contact_attempts where contact_type = 'Brief'`.execute(p.deps.db)).rows[0]!.n;
      const res = await postPdf(s, `/werklijst/brieven/${queueId}/brieven.pdf`, { taal: 'nl' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /^attachment;/);
      const afterward = (await sql<{ n: number }>`select count(*)::int as n from contact_attempts where contact_type = 'Brief'`.execute(p.deps.db)).rows[0]!.n;
      assert.ok(pageCount(res.rawPayload) > 0);
      assert.equal(afterward - before, pageCount(res.rawPayload), 'one contact attempt per printed letter');
      assert.equal((await postPdf(s, '/werklijst/brieven/999999/brieven.pdf', {})).statusCode, 404);
    });

    it('lets a coordinator edit, preview and save a template, with errors per field; a worker may not', async () => {
      const s = await webLogin(p, COORDINATOR);
      const page = await s.get('/instellingen/berichten?kanaal=email&taal=nl');
      assert.equal(page.status, 200);
      assert.match(page.html, /\{\{naam\}\}/);
      const bad = await s.post('/instellingen/berichten', { kanaal: 'email', taal: 'nl', subject: '', body: 'Beste {{bestaatniet}}', contactPerson: '', contactPhone: 'abc', actie: 'opslaan' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /Onbekend invulveld: bestaatniet/);
      assert.match(bad.html, /Een e-mail heeft een onderwerp nodig/);
      assert.match(bad.html, /Geen geldig telefoonnummer/);
      const form = { kanaal: 'email', taal: 'nl', subject: 'Hulp van de gemeente', body: 'Beste {{naam}},\n\nBel ons.', contactPerson: 'Team Vroegsignalering', contactPhone: '020 123 4567' };
      const preview = await s.post('/instellingen/berichten', { ...form, actie: 'voorbeeld' });
      assert.match(preview.html, /Beste J\. de Vries/);
      const saved = await s.post('/instellingen/berichten', { ...form, actie: 'opslaan' });
      assert.equal(saved.status, 303);
      const again = await s.get(saved.location!);
      assert.match(again.html, /De tekst is opgeslagen/);
      assert.match(again.html, /Hulp van de gemeente/);
      const worker = await webLogin(p, WORKER);
      assert.equal((await worker.get('/instellingen/berichten')).status, 403);
    });
  });
}
