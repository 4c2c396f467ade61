import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext, webLogin, type WebSession } from './helpers/web.ts';
import { pdfTextOf } from './helpers/pdf-text.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { signalsWithState, STATE_COLUMNS } from '../src/db/repositories/signal-state.ts';

const OFFICER = 'privacy@amsterdam.demo';
const WORKER = 'medewerker@amsterdam.demo';
const BSN = '111222333';
const OTHER_BSN = '123456782';

for (const engine of ENGINES) {
  describe(`web: privacy pages (${engine.name})`, () => {
    let p: TestPlatform;
    let signalId: string;
    before(async () => {
      p = await startTestPlatform(engine);
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
      const out = await submitSignals(
        p.deps,
        systemContext('belastingen-amsterdam', 'test'),
        [tax('wp-1', { bsn: BSN, email: 'j.devries@example.org' }), tax('wp-2', { bsn: OTHER_BSN, address: { street: 'Damrak', houseNumber: '5', postcode: '1012LG', city: 'Amsterdam' }, person: { initials: 'K.', surname: 'Bakker' } })],
        { dryRun: false },
      );
      for (const o of out) assert.equal(o.outcome, 'accepted', JSON.stringify(o));
      await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
      const s = await signalsWithState(p.deps.db).select(['signals.id']).select(STATE_COLUMNS).where('signals.reference', '=', 'wp-1').executeTakeFirstOrThrow();
      signalId = String(s.id);
      await recordContactAttempt(p.deps, await userContext(p, WORKER), s.case_id!, { contactType: 'Huisbezoek', reached: 'no', date: new Date().toISOString().slice(0, 10), partOfDay: 'Ochtend' });
    });
    after(async () => {
      await p.close();
    });

    const postRaw = (s: WebSession, url: string, form: Record<string, string>) =>
      p.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString() });

    it('answers an access request on screen: found by BSN (masked), what is held, the answer in plain Dutch; audited', async () => {
      const s = await webLogin(p, OFFICER);
      const form = await s.get('/privacy/inzage');
      assert.equal(form.status, 200);
      assert.match(form.html, /method="post"/);
      assert.match(form.html, /href="\/privacy\/inzage"/, 'in the menu');
      const res = await s.post('/privacy/inzage', { zoekop: 'bsn', bsn: BSN });
      assert.equal(res.status, 200);
      assert.match(res.html, /Gezocht op BSN \*\*\*\*\*\*333/);
      assert.doesNotMatch(res.html, />111222333</, 'the BSN is shown masked');
      assert.match(res.html, /Gevonden: 1 signaal, 1 zaak, 1 contactpoging, 0 bezwaren, \d+ vastleggingen in de audittrail/);
      assert.match(res.html, /Antwoord op uw verzoek om inzage/);
      assert.match(res.html, /Van wie wij de gegevens kregen/);
      assert.match(res.html, /j\.devries@example\.org/);
      assert.match(res.html, /Huisbezoek/);
      assert.match(res.html, /Hoe lang wij uw gegevens bewaren/);
      assert.match(res.html, /Autoriteit Persoonsgegevens/);
      assert.doesNotMatch(res.html, /Bakker/, 'nobody else');
      assert.match(res.html, new RegExp(`href="/privacy/correctie\\?signaal=${signalId}"`));
      const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'subject.access' and outcome = 'success' and ${p.deps.pseudonymize('bsn', BSN)} = any(subject_pseudonyms)`.execute(p.deps.db);
      assert.equal(audited.rows[0]!.n, 1);
      const en = await s.post('/privacy/inzage?lang=en', { zoekop: 'bsn', bsn: BSN });
      assert.match(en.html, /Answer to your access request/);
    });

    it('refuses a bad BSN on the form, and the pages to a worker', async () => {
      const s = await webLogin(p, OFFICER);
      const bad = await s.post('/privacy/inzage', { zoekop: 'bsn', bsn: '123456789' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /elfproef/);
      const w = await webLogin(p, WORKER);
      assert.equal((await w.get('/privacy/inzage')).status, 403);
      assert.equal((await w.post('/privacy/inzage', { zoekop: 'bsn', bsn: BSN })).status, 403);
    });

    it('downloads the answer as a PDF (POST only) holding the same text', async () => {
      const s = await webLogin(p, OFFICER);
      const res = await postRaw(s, '/privacy/inzage/antwoord.pdf', { zoekop: 'bsn', bsn: BSN, postcode: '', huisnummer: '', toevoeging: '', achternaam: '', taal: 'nl' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
      const text = pdfTextOf(res.rawPayload);
      assert.match(text, /Antwoord op uw verzoek om inzage/);
      assert.match(text, /\*\*\*\*\*\*333/);
      assert.match(text, /Huisbezoek/);
      assert.doesNotMatch(text, /111222333/);
      const en = await postRaw(s, '/privacy/inzage/antwoord.pdf', { zoekop: 'bsn', bsn: BSN, taal: 'en' });
      assert.match(pdfTextOf(en.rawPayload), /Answer to your access request/);
      assert.equal((await postRaw(s, '/privacy/inzage/antwoord.pdf', { zoekop: 'bsn', bsn: '1' })).statusCode, 404);
      const noCsrf = await p.app.inject({ method: 'POST', url: '/privacy/inzage/antwoord.pdf', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `bsn=${BSN}` });
      assert.equal(noCsrf.statusCode, 403);
    });

    it('rectifies a field with a reason, shows before and after, and audits the field, not the value', async () => {
      const s = await webLogin(p, OFFICER);
      const form = await s.get(`/privacy/correctie?signaal=${signalId}`);
      assert.equal(form.status, 200);
      assert.match(form.html, new RegExp(`value="${signalId}"`));
      const res = await s.post('/privacy/correctie', { signaal: signalId, veld: 'email', waarde: 'jan@example.org', reden: 'resident-request' });
      assert.equal(res.status, 200);
      assert.match(res.html, /j\.devries@example\.org/);
      assert.match(res.html, /jan@example\.org/);
      const rec = await sql<{ detail: { field: string; reason: string } }>`select detail from audit_log where activity = 'subject.rectify' order by id desc limit 1`.execute(p.deps.db);
      assert.deepEqual({ field: rec.rows[0]!.detail.field, reason: rec.rows[0]!.detail.reason }, { field: 'email', reason: 'resident-request' });
      assert.doesNotMatch(JSON.stringify(rec.rows[0]!.detail), /jan@example/);
      const bad = await s.post('/privacy/correctie', { signaal: signalId, veld: 'email', waarde: 'not an address', reden: 'resident-request' });
      assert.equal(bad.status, 400);
      assert.equal((await s.post('/privacy/correctie', { signaal: '999999999', veld: 'email', waarde: 'a@b.nl', reden: 'other' })).status, 404);
    });

    it('registers an objection with a reason, lists it, and withdraws it', async () => {
      const s = await webLogin(p, OFFICER);
      const missing = await s.post('/privacy/bezwaar', { zoekop: 'bsn', bsn: OTHER_BSN, reden: '' });
      assert.equal(missing.status, 400);
      const res = await s.post('/privacy/bezwaar', { zoekop: 'bsn', bsn: OTHER_BSN, reden: 'Wil geen contact van de gemeente' });
      assert.equal(res.status, 303);
      const list = await s.get(res.location!);
      assert.match(list.html, /Het bezwaar is geregistreerd: 1 signaal ontdaan van persoonsgegevens, \d+ (zaak|zaken) verwijderd/);
      assert.match(list.html, /Wil geen contact van de gemeente/);
      const id = /name="bezwaar" value="([^"]+)"/.exec(list.html)![1]!;
      const access = await s.post('/privacy/inzage', { zoekop: 'bsn', bsn: OTHER_BSN });
      assert.match(access.html, /is uw bezwaar geregistreerd/);
      const w = await s.post('/privacy/bezwaar/intrekken', { bezwaar: id });
      assert.equal(w.status, 303);
      const after = await s.get(w.location!);
      assert.match(after.html, /Het bezwaar is ingetrokken/);
      assert.match(after.html, /Er zijn geen bezwaren geregistreerd/);
      const n = await sql<{ n: number }>`select count(*)::int as n from resident_objections`.execute(p.deps.db);
      assert.equal(n.rows[0]!.n, 0);
      const logged = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'subject.objection.withdraw'`.execute(p.deps.db);
      assert.equal(logged.rows[0]!.n, 1);
      assert.equal((await s.post('/privacy/bezwaar/intrekken', { bezwaar: id })).status, 404);
    });

    it('shows the retention terms and the tombstones (the objection left one); the coordinator may change the terms', async () => {
      const s = await webLogin(p, OFFICER);
      const page = await s.get('/privacy/bewaartermijnen');
      assert.equal(page.status, 200);
      assert.match(page.html, /De standaardtermijnen van het platform gelden/);
      assert.match(page.html, /Bezwaar/);
      assert.match(page.html, /bezwaar van de inwoner, ontvangen na het signaal/);
      // the tombstone keeps its Dutch sentence; the English screen reads it in English
      const en = await s.get('/privacy/bewaartermijnen?lang=en');
      assert.match(en.html, /the resident&#x27;s objection, received after the signal: processing stopped, personal data deleted|the resident's objection, received after the signal: processing stopped, personal data deleted/);
      assert.doesNotMatch(en.html, /bezwaar van de inwoner/);
      assert.doesNotMatch(page.html, /action="\/privacy\/bewaartermijnen"/, 'the officer reads the terms, does not set them');
      const c = await webLogin(p, 'coordinator@amsterdam.demo');
      const bad = await c.post('/privacy/bewaartermijnen', { 'niet-opgepakt': '600', opgepakt: '12', zaken: '18' });
      assert.equal(bad.status, 400);
      const ok = await c.post('/privacy/bewaartermijnen', { 'niet-opgepakt': '7', opgepakt: '12', zaken: '18' });
      assert.equal(ok.status, 303);
      assert.match((await c.get(ok.location!)).html, /De termijnen zijn opgeslagen/);
      assert.equal((await (await webLogin(p, WORKER)).get('/privacy/bewaartermijnen')).status, 403);
    });

    it('the operator runs retention now; the run is audited', async () => {
      const op = await webLogin(p, 'beheer@platform.demo');
      const page = await op.get('/beheer/bewaartermijnen');
      assert.equal(page.status, 200);
      assert.match(page.html, /Nu verwijderen wat over de termijn is/);
      const res = await op.post('/beheer/bewaartermijnen/nu', {});
      assert.equal(res.status, 303);
      assert.match((await op.get(res.location!)).html, /Klaar: 0 signalen en 0 zaken verwijderd/);
      // One is singular, in both languages.
      assert.match((await op.get('/beheer/bewaartermijnen?uitgevoerd=1&signalen=1&zaken=1')).html, /Klaar: 1 signaal en 1 zaak verwijderd\./);
      assert.match((await op.get('/beheer/bewaartermijnen?uitgevoerd=1&signalen=1&zaken=2&lang=en')).html, /Done: 1 signal and 2 cases deleted\./);
      const n = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'retention.run'`.execute(p.deps.db);
      assert.equal(n.rows[0]!.n, 1);
    });

    it('filters the audit trail by actor and subject, and verifies the chain on request', async () => {
      const s = await webLogin(p, OFFICER);
      const bySubject = await s.get(`/audittrail?betrokkene=${p.deps.pseudonymize('bsn', BSN)}`);
      assert.equal(bySubject.status, 200);
      assert.match(bySubject.html, /subject\.access/);
      assert.doesNotMatch(bySubject.html, /session\.login/);
      const byActor = await s.get('/audittrail?door=Privacyfunctionaris');
      assert.match(byActor.html, /subject\.rectify/);
      assert.doesNotMatch(byActor.html, /signal\.intake/);
      const v = await s.post('/audittrail/controle', {});
      assert.equal(v.status, 200);
      assert.match(v.html, /De keten is gecontroleerd/);
    });
  });
}
