import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';
import { GROUND_RULES } from '../src/domain/experiments/ground-rules.ts';

/** A multipart form as a browser sends it: fields and one file in `file`. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----vsdocument' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ID = 'wmo-pilot-web';

for (const engine of ENGINES) {
  describe(`web app: the experiment register's forms (${engine.name})`, () => {
    let p: TestPlatform;
    let szw: WebSession;
    before(async () => {
      p = await startTestPlatform(engine);
      szw = await webLogin(p, 'beheer@szw.demo');
    });
    after(async () => p.close());

    const upload = (s: WebSession, fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) => {
      const m = multipart({ _csrf: s.csrf, ...fields }, file);
      return p.app.inject({ method: 'POST', url: `/experimenten/${ID}/documenten`, headers: { cookie: s.cookie, 'content-type': m.contentType }, payload: m.payload });
    };
    const stage = async () => (await p.deps.db.selectFrom('experiments').select('stage').where('id', '=', ID).executeTakeFirstOrThrow()).stage;

    it('creates an experiment, with the errors at the fields when the form is wrong', async () => {
      const register = await szw.get('/experimenten');
      assert.match(register.html, /href="\/experimenten\/nieuw"/);
      const form = await szw.get('/experimenten/nieuw');
      assert.equal(form.status, 200);
      assert.doesNotMatch(form.html, /aria-invalid/, 'nothing marked before it was sent');
      const wrong = await szw.post('/experimenten/nieuw', { id: 'X!', nameNl: '', reason: '' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, /id="id-error"[^>]*>Kleine letters, cijfers en streepjes/);
      assert.match(wrong.html, /<input[^>]*id="id"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*id="id"/);
      assert.match(wrong.html, /id="nameNl-error"/);
      assert.match(wrong.html, /id="reason-error"/);
      const made = await szw.post('/experimenten/nieuw', { id: ID, nameNl: 'Wmo-pilot via het web', nameEn: 'Wmo pilot via the web', stage: 'idea', reason: 'nieuw initiatief' });
      assert.equal(made.status, 303);
      assert.equal(made.location, `/experimenten/${ID}/bewerken?ok=nieuw`);
      assert.equal((await szw.post('/experimenten/nieuw', { id: ID, nameNl: 'nog eens', reason: 'dubbel' })).status, 409);
      const en = await szw.get(`/experimenten/${ID}/bewerken?lang=en`);
      assert.match(en.html, /Analysis plan \(pre-registered\)/);
    });

    it('edits the details, participants and groups; refusals land at their field and keep what was typed', async () => {
      const badDates = await szw.post(`/experimenten/${ID}/gegevens`, { nameNl: 'Wmo-pilot via het web', plannedStart: '2027-01-01', plannedEnd: '2026-01-01', reason: 'planning' });
      assert.equal(badDates.status, 400);
      assert.match(badDates.html, /id="plannedEnd-error"[^>]*>Het einde ligt vóór de start/);
      assert.match(badDates.html, /value="2027-01-01"/, 'what was typed stays');
      const ok = await szw.post(`/experimenten/${ID}/gegevens`, {
        nameNl: 'Wmo-pilot via het web',
        nameEn: 'Wmo pilot via the web',
        signalType: 'wmo_own_contribution',
        ruleIds: 'tr-2.4-cak-wmo',
        rq0nl: 'Wat voegt het CAK-signaal toe?',
        rq0en: 'What does the CAK signal add?',
        targetGroup: 'Huishoudens met een achterstand op de eigen bijdrage',
        plan80On: '2025-09-01',
        plannedStart: '2026-01-01',
        plannedEnd: '2027-12-31',
        reason: 'plan uitgewerkt',
      });
      assert.equal(ok.status, 303);
      const wrongRole = await szw.post(`/experimenten/${ID}/deelnemers`, { p0org: 'cak', p0role: 'municipality', reason: 'deelnemers' });
      assert.equal(wrongRole.status, 400);
      assert.match(wrongRole.html, /id="p0role-error"/);
      const parts = await szw.post(`/experimenten/${ID}/deelnemers`, {
        p0org: 'GM0363',
        p0role: 'municipality',
        p0contacts: 'Mohamed El Amrani; projectleider; coordinator@amsterdam.demo',
        p1org: 'cak',
        p1role: 'creditor',
        p1contacts: 'Vaste contactpersoon CAK; ; signalen@cak.demo',
        reason: 'Amsterdam en CAK doen mee',
      });
      assert.equal(parts.status, 303);
      const arms = await szw.post(`/experimenten/${ID}/groepen`, {
        method: 'stratified',
        seed: 'wmo-2026',
        a0code: 'alleen',
        a0nameNl: 'Alleen het CAK-signaal',
        a0weight: '1',
        a1code: 'gecombineerd',
        a1nameNl: 'Gecombineerd',
        a1combine: 'on',
        a1weight: '1',
        reason: 'twee groepen',
      });
      assert.equal(arms.status, 303);
      const page = await szw.get(`/experimenten/${ID}/bewerken`);
      assert.match(page.html, /Mohamed El Amrani; projectleider; coordinator@amsterdam.demo/);
      assert.match(page.html, /value="gecombineerd"/);
    });

    it('records the analysis plan with the households it needs; inflow from the what-if forecast when left empty', async () => {
      const missing = await szw.post(`/experimenten/${ID}/analyseplan`, { primaryOutcome: 'reached', baselinePct: '', minimalEffectPts: '10', reason: 'plan' });
      assert.equal(missing.status, 400);
      assert.match(missing.html, /id="baselinePct-error"/);
      const recorded = await szw.post(`/experimenten/${ID}/analyseplan`, { primaryOutcome: 'reached', secondaryOutcomes: ['helpAccepted'], baselinePct: '10', minimalEffectPts: '10', inflowPerMonth: '', reason: 'vooraf geregistreerd' });
      assert.equal(recorded.status, 303);
      const row = await p.deps.db.selectFrom('experiment_analysis_plans').select(['plan', 'frozen_at']).where('experiment_id', '=', ID).executeTakeFirstOrThrow();
      const plan = row.plan as { neededPerArm: number; inflowSource: string; inflowPerMonth: number; comparisons: unknown[] };
      assert.equal(plan.neededPerArm, 219);
      assert.equal(plan.inflowSource, 'forecast');
      assert.ok(plan.inflowPerMonth > 0);
      assert.deepEqual(plan.comparisons, [{ question: 'standalone', arm: 'alleen', reference: 'gecombineerd' }]);
      assert.equal(row.frozen_at, null);
      const page = await szw.get(`/experimenten/${ID}/bewerken`);
      assert.match(page.html, /Nodig per groep \(alfa 0,05, power 0,8\)/);
      assert.match(page.html, /wat-als-voorspelling/);
    });

    it('stores documents of the allowed types only, and audits every download', async () => {
      const gif = await upload(szw, { kind: 'ap_advice', reason: 'advies ontvangen' }, { name: 'advies.gif', type: 'application/pdf', bytes: Buffer.from('GIF89a....') });
      assert.equal(gif.statusCode, 400);
      assert.match(gif.body, /id="file-error"[^>]*>Alleen PDF, ODT of DOCX/);
      const ok = await upload(szw, { kind: 'ap_advice', reason: 'advies ontvangen' }, { name: 'advies.pdf', type: 'application/pdf', bytes: PDF });
      assert.equal(ok.statusCode, 303);
      const doc = await p.deps.db.selectFrom('experiment_documents').select(['id', 'sha256', 'size_bytes']).where('experiment_id', '=', ID).executeTakeFirstOrThrow();
      assert.equal(doc.size_bytes, PDF.length);
      const down = await p.app.inject({ method: 'GET', url: `/experimenten/${ID}/documenten/${doc.id}`, headers: { cookie: szw.cookie } });
      assert.equal(down.statusCode, 200);
      assert.equal(down.headers['content-type'], 'application/pdf');
      assert.match(String(down.headers['content-disposition']), /^attachment; filename="ap_advice-wmo-pilot-web.pdf"$/);
      assert.deepEqual(down.rawPayload, PDF);
      const audit = await p.deps.db.selectFrom('audit_log').select(['actor_id', 'object_ids']).where('activity', '=', 'experiment.document.read').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.object_ids, [String(doc.id)]);
      const anonymous = await p.app.inject({ method: 'GET', url: `/experimenten/${ID}/documenten/${doc.id}` });
      assert.equal(anonymous.statusCode, 303);
      const rotterdam = await webLogin(p, 'medewerker@rotterdam.demo');
      assert.equal((await p.app.inject({ method: 'GET', url: `/experimenten/${ID}/documenten/${doc.id}`, headers: { cookie: rotterdam.cookie } })).statusCode, 404, 'not a participant: not there');
    });

    it('shows the gate checklist with links to the fields, then submits past the gate', async () => {
      await szw.post(`/experimenten/${ID}/fase`, { to: 'plan', reason: 'plan uitwerken' });
      const before = await szw.get(`/experimenten/${ID}`);
      assert.match(before.html, /Wat ontbreekt voor de volgende fase/);
      assert.match(before.html, /href="#met-residents_can_object"/);
      for (const g of GROUND_RULES.filter((x) => x.code !== 'max_duration_5_years'))
        assert.equal((await szw.post(`/experimenten/${ID}/randvoorwaarden/${g.code}`, { met: 'on', note: 'in plan §3', reason: 'uitgewerkt' })).status, 303, g.code);
      const ready = await szw.get(`/experimenten/${ID}`);
      assert.match(ready.html, /Ingediend bij SZW: niets meer, deze stap kan worden gezet/);
      const submitted = await szw.post(`/experimenten/${ID}/fase`, { to: 'submitted', reason: 'ingediend bij SZW' });
      assert.equal(submitted.status, 303);
      assert.equal(await stage(), 'submitted');
      const history = await szw.get(`/experimenten/${ID}`);
      assert.match(history.html, /Analyseplan \(vooraf geregistreerd\)/);
      assert.match(history.html, /Documenten/);
    });

    it('refuses to change the analysis plan of a running experiment', async () => {
      const r = await szw.post('/experimenten/gemeentelijke-belastingen/analyseplan', { primaryOutcome: 'reached', baselinePct: '20', minimalEffectPts: '5', inflowPerMonth: '40', reason: 'achteraf' });
      assert.equal(r.status, 409);
      assert.match(r.html, /Het analyseplan ligt vast sinds het experiment loopt/);
      const missing = await szw.post(`/experimenten/${ID}/gegevens`, { nameNl: 'x', reason: 'x' });
      assert.equal(missing.status, 400, 'a reason of one letter is too short');
    });
  });
}
