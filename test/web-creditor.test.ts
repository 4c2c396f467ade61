import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { setStatusOutsideCase, signalsWithState } from '../src/db/repositories/signal-state.ts';

const LANDLORD = 'aanlevering@demo-woningcorporatie.demo';
const ENERGY = 'aanlevering@demo-energieleverancier.demo';
const PROCESSOR = 'aanlevering@demo-verwerker.demo';
const COLLECTOR = 'aanlevering@belastingen-amsterdam.demo';
const MUNICIPAL = 'medewerker@amsterdam.demo';

/** A rent row without the written reminder: refused by Besluit art. 2 onder c. */
const noReminderRow = (ref: string) => `${ref},rent,2025-03-14,GM0363,812.50,J.,Vries,Dorpsstraat,12,1011AB,Amsterdam,2025-02-20,2025-02-20,,ja,none`;

for (const engine of ENGINES) {
  describe(`creditor portal pages (${engine.name})`, () => {
    let p: TestPlatform;
    let landlord: WebSession;
    let energy: WebSession;
    let batchId: string;
    let ownSignalId: string;

    const audits = async (activity: string) => (await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = ${activity}`.execute(p.deps.db)).rows[0]!.n;

    /** Uploads as the browser script does: the API with the session cookie and the X-CSRF-Token header. */
    const upload = (s: WebSession, csv: string, filename: string, csrf: string | null = s.csrf) =>
      p.app.inject({
        method: 'POST',
        url: `/v1/batches?filename=${encodeURIComponent(filename)}`,
        headers: { cookie: s.cookie, 'content-type': 'text/csv', ...(csrf === null ? {} : { 'x-csrf-token': csrf }) },
        payload: csv,
      });

    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 20);
      landlord = await webLogin(p, LANDLORD);
      energy = await webLogin(p, ENERGY);
      const csv = [CSV_HEADER, rentCsvRow('WEB-1'), rentCsvRow('WEB-2', { postcode: '12' }), noReminderRow('WEB-3'), rentCsvRow('WEB-1'), rentCsvRow('WEB-1', { amount: '999.00' })].join('\n');
      const r = await upload(landlord, csv, 'klein.csv');
      assert.equal(r.statusCode, 201, r.body);
      batchId = r.json().id;
      ownSignalId = String((await p.deps.db.selectFrom('signals').select('id').where('sender_org_id', '=', 'demo-woningcorporatie').where('reference', '=', 'WEB-1').executeTakeFirstOrThrow()).id);
    });
    after(async () => p.close());

    it('the upload page offers the form (CSRF token for the script), the template and the recent batches', async () => {
      const r = await landlord.get('/aanleveren');
      assert.equal(r.status, 200);
      assert.match(r.html, /<h1[^>]*>Aanleveren<\/h1>/);
      assert.match(r.html, new RegExp(`id="upload-form"[^>]*data-csrf="${landlord.csrf}"`));
      assert.match(r.html, /<script src="\/assets\/web\/creditor-upload\.js" defer=""><\/script>/);
      assert.doesNotMatch(r.html, /<script>/, 'no inline script');
      assert.match(r.html, /<progress id="upload-bar"/);
      assert.match(r.html, /href="\/v1\/templates\/signals\.csv"/);
      assert.match(r.html, new RegExp(`href="/aanleveren/batches/${batchId}">klein\\.csv</a>`));
      assert.match(r.html, /demo-demo-woningcorporatie\.csv/);
      assert.doesNotMatch(r.html, /demo-demo-energieleverancier\.csv/, "another creditor's batches are not listed");
      const js = await p.app.inject({ method: 'GET', url: '/assets/web/creditor-upload.js' });
      assert.equal(js.statusCode, 200);
      assert.match(js.body, /X-CSRF-Token/);
    });

    it('the API takes the upload from the session only with the CSRF header, and reports progress', async () => {
      const refused = await upload(landlord, [CSV_HEADER, rentCsvRow('WEB-X')].join('\n'), 'zonder-token.csv', null);
      assert.equal(refused.statusCode, 403);
      const b = await p.app.inject({ method: 'GET', url: `/v1/batches/${batchId}`, headers: { cookie: landlord.cookie } });
      assert.equal(b.statusCode, 200);
      assert.equal(b.json().status, 'completed');
      assert.equal(b.json().rowsTotal, 5);
      assert.equal(b.json().bytesReceived, b.json().bytesExpected);
    });

    it('shows per-row results with reasons and articles, paged and filtered, each refusal linked to its explanation', async () => {
      const before = await audits('batch.results.read');
      const r = await landlord.get(`/aanleveren/batches/${batchId}`);
      assert.equal(r.status, 200);
      assert.match(r.html, /Aanlevering klein\.csv/);
      assert.match(r.html, /5 regels: 1 aangenomen, 2 geweigerd, 1 dubbel, 1 conflict/);
      for (const ref of ['WEB-1', 'WEB-2', 'WEB-3']) assert.match(r.html, new RegExp(`>${ref}<`));
      assert.match(r.html, /De postcode is ongeldig/);
      assert.match(r.html, /Er is geen schriftelijke herinnering aangetoond/);
      assert.match(r.html, /Besluit gemeentelijke schuldhulpverlening, art\. 2 onder c/);
      assert.match(r.html, new RegExp(`href="/aanleveren/batches/${batchId}/rijen/3"`));
      assert.match(r.html, new RegExp(`href="/signalen/${ownSignalId}"`));
      assert.match(r.html, new RegExp(`href="/aanleveren/batches/${batchId}/resultaten\\.csv"`));
      assert.equal(await audits('batch.results.read'), before + 1);
      const refusedOnly = await landlord.get(`/aanleveren/batches/${batchId}?uitkomst=refused`);
      assert.match(refusedOnly.html, />WEB-2</);
      assert.doesNotMatch(refusedOnly.html, /acceptedBy|Aangenomen op grond van/);
      assert.match(refusedOnly.html, /Regels 1–2 van 2/);
    });

    it('explains a refused row: the message, the field, the article, what to do, and the code page', async () => {
      const r = await landlord.get(`/aanleveren/batches/${batchId}/rijen/3`);
      assert.equal(r.status, 200);
      assert.match(r.html, /Regel 3 van klein\.csv/);
      assert.match(r.html, /Reden 1: code REMINDER_MISSING/);
      assert.match(r.html, /datum schriftelijke herinnering \(socialCollection\.reminderSentOn\)/);
      assert.match(r.html, /href="https:\/\/zoek\.officielebekendmakingen\.nl\/stb-2020-240\.html"[^>]*>Besluit gemeentelijke schuldhulpverlening, art\. 2 onder c</);
      assert.match(r.html, /href="\/wat-mag-ik-aanleveren\/weigeringen\/REMINDER_MISSING"/);
      const code = await landlord.get('/wat-mag-ik-aanleveren/weigeringen/REMINDER_MISSING');
      assert.equal(code.status, 200);
      assert.match(code.html, /Weigeringscode REMINDER_MISSING/);
      assert.match(code.html, /Huurachterstand/);
      assert.match(code.html, /art\. 2 onder c/);
      const input = await landlord.get('/wat-mag-ik-aanleveren/weigeringen/POSTCODE_INVALID');
      assert.match(input.html, /berust niet op een artikel/);
      assert.equal((await landlord.get('/wat-mag-ik-aanleveren/weigeringen/BESTAAT_NIET')).status, 404);
      assert.equal((await landlord.get('/wat-mag-ik-aanleveren/weigeringen?code=reminder_missing')).location, '/wat-mag-ik-aanleveren/weigeringen/REMINDER_MISSING');
      assert.equal((await landlord.get(`/aanleveren/batches/${batchId}/rijen/99`)).status, 404);
    });

    it('downloads the results CSV, the same as the API gives', async () => {
      const web = await p.app.inject({ method: 'GET', url: `/aanleveren/batches/${batchId}/resultaten.csv`, headers: { cookie: landlord.cookie } });
      assert.equal(web.statusCode, 200);
      assert.match(web.headers['content-type'] as string, /^text\/csv/);
      assert.match(web.headers['content-disposition'] as string, new RegExp(`attachment; filename="resultaten-${batchId}\\.csv"`));
      const api = await p.app.inject({ method: 'GET', url: `/v1/batches/${batchId}/results`, headers: { cookie: landlord.cookie } });
      assert.equal(web.body, api.body);
      const lines = web.body.trim().split('\n');
      assert.equal(lines[0], 'row,reference,outcome,signal_id,regulation_version,codes,fields,articles,message');
      assert.equal(lines.length, 6);
      assert.match(lines[3]!, /^3,WEB-3,refused,.*REMINDER_MISSING/);
    });

    it("another creditor's batch, row, results and signal are not found; a municipal user is refused; no session goes to login", async () => {
      for (const path of [`/aanleveren/batches/${batchId}`, `/aanleveren/batches/${batchId}/rijen/1`, `/aanleveren/batches/${batchId}/resultaten.csv`, `/signalen/${ownSignalId}`]) {
        const r = await energy.get(path);
        assert.equal(r.status, 404, path);
        assert.doesNotMatch(r.html, /WEB-1/);
      }
      assert.equal((await energy.get('/aanleveren/batches/not-a-uuid')).status, 404);
      assert.equal((await energy.get('/signalen/abc')).status, 404);
      const list = await energy.get('/signalen?kenmerk=WEB');
      assert.doesNotMatch(list.html, /WEB-1/);
      const municipal = await webLogin(p, MUNICIPAL);
      for (const path of ['/aanleveren', '/aanleveren/kolommen', `/aanleveren/batches/${batchId}`, `/aanleveren/batches/${batchId}/resultaten.csv`, '/signalen', `/signalen/${ownSignalId}`, '/wat-mag-ik-aanleveren', '/wat-mag-ik-aanleveren/weigeringen/REMINDER_MISSING']) {
        const r = await municipal.get(path);
        assert.equal(r.status, 403, path);
        assert.doesNotMatch(r.html, /WEB-1/);
      }
      assert.doesNotMatch((await municipal.get('/werklijst')).html, /href="\/aanleveren"/, 'no menu entry');
      for (const path of ['/aanleveren', `/aanleveren/batches/${batchId}/resultaten.csv`, '/signalen']) {
        const r = await p.app.inject({ method: 'GET', url: path });
        assert.equal(r.statusCode, 303, path);
        assert.equal(r.headers.location, `/inloggen?next=${encodeURIComponent(path)}`);
      }
    });

    it('lists the own signals with the feedback a creditor may see, filtered and searched, each read audited', async () => {
      await setStatusOutsideCase(p.deps.db, [ownSignalId], 'Niet opgepakt: andere reden');
      const before = await audits('signal.read-own');
      const all = await landlord.get('/signalen');
      assert.equal(all.status, 200);
      assert.match(all.html, /href="\/signalen"[^>]*aria-current="page"/);
      const own = await p.deps.db.selectFrom('signals').select(sql<number>`count(*)::int`.as('n')).where('creditor_org_id', '=', 'demo-woningcorporatie').executeTakeFirstOrThrow();
      assert.match(all.html, new RegExp(`${own.n} signalen`));
      assert.doesNotMatch(all.html, /andere reden/, 'the reason is never shown');
      assert.equal(await audits('signal.read-own'), before + 1);
      const entry = await p.deps.db.selectFrom('audit_log').select(['object_ids', 'organisation_id']).where('activity', '=', 'signal.read-own').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(entry.organisation_id, 'demo-woningcorporatie');
      assert.equal(entry.object_ids.length, Math.min(50, own.n));

      const notPicked = await landlord.get('/signalen?status=Niet+opgepakt');
      assert.match(notPicked.html, /1 signaal</);
      assert.match(notPicked.html, />WEB-1</);
      assert.match(notPicked.html, /<span lang="nl">Niet opgepakt<\/span>/);
      const search = await landlord.get('/signalen?kenmerk=WEB-');
      assert.match(search.html, /1 signaal</, 'only WEB-1 was accepted');
      assert.match(search.html, />WEB-1</);
      assert.match((await landlord.get('/signalen?kenmerk=WEB-2')).html, /0 signalen/, 'a refused row is no signal');
      const byType = await landlord.get('/signalen?soort=electricity');
      assert.match(byType.html, /0 signalen/);
      const byDate = await landlord.get('/signalen?van=2025-03-14&tot=2025-03-14&kenmerk=WEB');
      assert.match(byDate.html, /1 signaal</);
      assert.match((await landlord.get('/signalen?van=2025-03-15&kenmerk=WEB')).html, /0 signalen/);
      const badDate = await landlord.get('/signalen?van=14-03-2025');
      assert.equal(badDate.status, 400);
      assert.match(badDate.html, /Geen geldige datum/);

      // Once the municipality picks up the case, the creditor reads "Opgepakt" (as GET /v1/signals/{id}).
      const matched = await signalsWithState(p.deps.db).select(['signals.reference', 'signal_states.case_id']).where('signals.creditor_org_id', '=', 'demo-woningcorporatie').where('signal_states.case_id', 'is not', null).where('signal_states.status', '=', 'Nog niet opgepakt').executeTakeFirstOrThrow();
      await p.deps.db.updateTable('cases').set({ status: 'picked_up' }).where('id', '=', matched.case_id!).execute();
      const pickedUp = await landlord.get('/signalen?status=Opgepakt');
      assert.match(pickedUp.html, new RegExp(`>${matched.reference}<`));
      assert.doesNotMatch(pickedUp.html, />WEB-1</);
      assert.doesNotMatch((await landlord.get('/signalen?status=Nog+niet+opgepakt')).html, new RegExp(`>${matched.reference}<`));

      const page = await landlord.get(`/signalen/${ownSignalId}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /Signaal WEB-1/);
      assert.match(page.html, /De reden mag niet aan de schuldeiser worden gemeld/);
      assert.doesNotMatch(page.html, /andere reden|Vries|Dorpsstraat|1011AB/, 'no reason, no personal data');
      assert.equal(await audits('signal.read-own'), before + 11);
    });

    it("a processor's delivery shows with the creditor it was sent for, without the processor's batch", async () => {
      const processor = await webLogin(p, PROCESSOR);
      const row = `${rentCsvRow('VERW-1')},demo-woningcorporatie`;
      const r = await upload(processor, `${CSV_HEADER},on_behalf_of\n${row}`, 'namens.csv');
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().rowsAccepted, 1);
      const id = String((await p.deps.db.selectFrom('signals').select('id').where('reference', '=', 'VERW-1').executeTakeFirstOrThrow()).id);
      const forCreditor = await landlord.get(`/signalen/${id}`);
      assert.equal(forCreditor.status, 200);
      assert.match(forCreditor.html, /Demo Verwerker B\.V\./);
      assert.doesNotMatch(forCreditor.html, /href="\/aanleveren\/batches\//, "the processor's batch is not the creditor's");
      assert.equal((await landlord.get(`/aanleveren/batches/${r.json().id}`)).status, 404);
      const forProcessor = await processor.get(`/signalen/${id}`);
      assert.match(forProcessor.html, new RegExp(`href="/aanleveren/batches/${r.json().id}"`));
      assert.match(forProcessor.html, /Namens/);
      const rights = await processor.get('/wat-mag-ik-aanleveren');
      assert.match(rights.html, /Namens Demo Woningcorporatie/);
      assert.match(rights.html, /on_behalf_of = demo-woningcorporatie/);
    });

    it('"what may I send?" explains each designation from the rule data, with articles, in Dutch and English', async () => {
      const r = await landlord.get('/wat-mag-ik-aanleveren');
      assert.equal(r.status, 200);
      assert.match(r.html, /Huurachterstand/);
      assert.match(r.html, /<code>rent<\/code>/);
      assert.match(r.html, /U bent: Verhuurder van een woning/);
      assert.match(r.html, /Alle gemeenten/);
      assert.match(r.html, /contactgegevens \(naam, adres, telefoon, e-mail\)/);
      assert.doesNotMatch(r.html, /burgerservicenummer/);
      for (const item of ['a', 'b', 'c', 'd']) assert.match(r.html, new RegExp(`Besluit gemeentelijke schuldhulpverlening, art\\. 2 onder ${item}`));
      assert.doesNotMatch(r.html, /Hypotheekachterstand/, 'only what this organisation may send');
      const collector = await webLogin(p, COLLECTOR);
      const tax = await collector.get('/wat-mag-ik-aanleveren');
      assert.match(tax.html, /Achterstand gemeentelijke belastingen/);
      assert.match(tax.html, /Alleen de gemeente\(n\) waarvoor u de belastingen int: Amsterdam \(GM0363\)/);
      assert.match(tax.html, /Tijdelijke regeling signaal betalingsachterstanden, art\. 2\.1/);
      // What is not verified stands beside each designation; for one no longer in force, the link
      // opens the rules page on a day it was.
      assert.match(tax.html, /Nog te verifiëren/);
      const past = /href="\/regels\?datum=(\d{4}-\d{2}-\d{2})"/.exec(tax.html);
      assert.ok(past, 'the repealed municipal-tax designation links to the rules of its own period');
      const rules = await collector.get(`/regels?datum=${past[1]}`);
      assert.equal(rules.status, 200);
      assert.match(rules.html, /Achterstand gemeentelijke belastingen/);
      const en = await landlord.get('/wat-mag-ik-aanleveren?lang=en');
      assert.match(en.html, /<h1[^>]*>What may I send\?<\/h1>/);
      assert.match(en.html, /Rent arrear/);
      assert.match(en.html, /All municipalities/);
    });

    it('explains the template columns from the same list as the API', async () => {
      const r = await landlord.get('/aanleveren/kolommen');
      assert.equal(r.status, 200);
      const api = await p.app.inject({ method: 'GET', url: '/v1/templates/signals-columns' });
      for (const c of api.json() as Array<{ name: string; description: string }>) {
        assert.match(r.html, new RegExp(`<code>${c.name}</code>`));
      }
      assert.match(r.html, /Uw eigen unieke kenmerk van het signaal/);
    });
  });
}
