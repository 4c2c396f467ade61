import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext, webLogin, type WebSession } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { importBatch } from '../src/app/intake/import-batch.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { computeEvaluation } from '../src/app/evaluation/compute-evaluation.ts';
import { experimentReportDue } from '../src/app/evaluation/experiment-report-due.ts';
import { formatDate } from '../src/web/i18n/locale.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

const at = (postcode: string, n: number, city = 'Amsterdam') => ({ street: 'Teststraat', houseNumber: String(n), postcode, city });
const tax = (ref: string, o: Partial<SignalInput>): SignalInput => ({ ...rentSignal(ref, o), signalType: 'municipal_tax' });
const period = 'from=2025-01-01&to=2025-12-31';

/** The cells of the table under a caption: row header → the row's cells (text). */
function tableUnder(html: string, caption: string): Map<string, string[]> {
  const start = html.indexOf(`<caption class="utrecht-table__caption">${caption}</caption>`);
  assert.ok(start >= 0, `a table captioned "${caption}"`);
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html.slice(start))![1]!;
  const rows = new Map<string, string[]>();
  for (const tr of body.split('</tr>')) {
    const cells = [...tr.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').trim());
    if (cells.length > 0) rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

const rowCount = (html: string, caption: string) => (/<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html.slice(html.indexOf(`>${caption}</caption>`)))![1]!.match(/<tr /g) ?? []).length;

/** The chart data the page hands to the browser script (JSON, never code). */
function chartData(html: string, id: string): { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> } {
  const m = new RegExp(`<script type="application/json" id="${id}-data">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(m, `chart data ${id}`);
  return JSON.parse(m[1]!) as ReturnType<typeof chartData>;
}

const hrefs = (html: string, pattern: RegExp) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((h) => pattern.test(h));

for (const engine of ENGINES) {
  describe(`web app: evaluation dashboard (${engine.name})`, () => {
    let p: TestPlatform;
    let szw: WebSession;

    before(async () => {
      p = await startTestPlatform(engine);
      const send = async (org: string, signals: SignalInput[]) => {
        for (const o of await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false })) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
      };
      // Amsterdam: 24 households with rent arrears, 12 of them and 40 others with municipal tax; Rotterdam: 4 (suppressed); Utrecht: 15.
      await send('demo-woningcorporatie', Array.from({ length: 24 }, (_, i) => rentSignal(`r-${i}`, { address: at('1011AB', i + 1) })));
      await send('belastingen-amsterdam', [
        ...Array.from({ length: 12 }, (_, i) => tax(`t-known-${i}`, { address: at('1011AB', i + 1) })),
        ...Array.from({ length: 40 }, (_, i) => tax(`t-new-${i}`, { address: at('1012CD', i + 1), amount: '2600.00' })),
      ]);
      await send('demo-woningcorporatie', Array.from({ length: 4 }, (_, i) => rentSignal(`rr-${i}`, { municipalityCode: 'GM0599', address: at('3011AA', i + 1, 'Rotterdam') })));
      await send('demo-woningcorporatie', Array.from({ length: 15 }, (_, i) => rentSignal(`ru-${i}`, { municipalityCode: 'GM0344', address: at('3511AA', i + 1, 'Utrecht') })));
      // A file with 12 rows a landlord may not send (municipal tax): refused, citing the article.
      const csv = [CSV_HEADER, ...Array.from({ length: 12 }, (_, i) => rentCsvRow(`bad-${i}`).replace(',rent,', ',municipal_tax,'))].join('\n');
      await importBatch(p.deps, systemContext('demo-woningcorporatie', 'test'), { source: Readable.from([csv]), format: 'csv', filename: 'test.csv', maxBytes: 1e6 });
      for (const m of ['GM0363', 'GM0599', 'GM0344']) await matchMunicipality(p.deps, systemContext(m, 'test', 'job'), m);
      await sql`update cases set experiment_arm = case when id % 2 = 0 then 'gemeentelijke-belastingen/alleen' else 'gemeentelijke-belastingen/gecombineerd' end
        where municipality_code = 'GM0363'`.execute(p.deps.db);
      await sql`update cases set picked_up_on = matching_date + 2, status = 'picked_up' where municipality_code = 'GM0363' and id % 3 <> 0`.execute(p.deps.db);
      // A first contact attempt for every case picked up (the worklist records them, migration 004).
      await sql`insert into contact_attempts (case_id, municipality_code, contact_type, reached, attempted_on, part_of_day)
        select id, municipality_code, 'Telefoon', true, matching_date + 1, 'Ochtend' from cases where municipality_code = 'GM0363' and id % 3 <> 0`.execute(p.deps.db);
      szw = await webLogin(p, 'evaluator@szw.demo');
    });
    after(async () => p.close());

    it('shows the evaluator every monitoring table as a chart and as a table with the same numbers, each with a CSV download', async () => {
      const r = await szw.get(`/dashboard?${period}&groupBy=municipality`);
      assert.equal(r.status, 200);
      assert.match(r.html, /href="\/dashboard"/, 'in the menu');
      assert.match(r.html, /<h1[^>]*>Dashboard monitoring en evaluatie<\/h1>/);
      assert.match(r.html, /<script src="\/assets\/chart\.js\/chart\.umd\.js" defer/);
      assert.match(r.html, /<script src="\/assets\/web\/dashboard-charts\.js" defer/);
      assert.doesNotMatch(r.html, /<script>(?!<\/script>)/, 'no inline code');
      // refusals read as reasons in words, not as codes (the CSV keeps the code for analysts)
      const visible = r.html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(visible, /\b[A-Z]+_[A-Z_]+\b/, 'no raw refusal code on the page');
      assert.match(visible, /Geen aangewezen verstrekker|Soort signaal op die datum niet \(meer\) aangewezen/);

      const evaluation = await computeEvaluation(p.deps, await userContext(p, 'evaluator@szw.demo'), { from: '2025-01-01', to: '2025-12-31', groupBy: 'municipality' });
      assert.equal(evaluation.tables.length, 7);
      for (const t of evaluation.tables) {
        assert.match(r.html, new RegExp(`<canvas id="chart-${t.key}" data-chart="chart-${t.key}-data" role="img" aria-label="[^"]+"`), `${t.key}: a labelled chart`);
        assert.equal(rowCount(r.html, t.title.nl), t.rows.length, `${t.key}: a table row per group`);
        assert.ok(hrefs(r.html, new RegExp(`^/v1/evaluation/tables/${t.key}\\?`)).length === 1, `${t.key}: a CSV link`);
      }

      const intake = tableUnder(r.html, 'Ontvangen en geweigerde signalen');
      const accepted = Number((await sql<{ n: number }>`select count(*)::int as n from signals where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n);
      assert.equal(intake.get('Amsterdam (GM0363)')![1], String(accepted), 'accepted signals as stored');
      assert.equal(intake.get('Rotterdam (GM0599)')![1], '<10', 'four Rotterdam signals are suppressed');
      const chart = chartData(r.html, 'chart-intake');
      const ams = chart.labels.indexOf('Amsterdam (GM0363)');
      const rdam = chart.labels.indexOf('Rotterdam (GM0599)');
      assert.equal(chart.datasets.find((d) => d.label === 'Geaccepteerd')!.data[ams], accepted, 'the chart draws the same number');
      assert.equal(chart.datasets.find((d) => d.label === 'Geaccepteerd')!.data[rdam], null, 'and nothing where the table says <10');

      const overlap = tableUnder(r.html, 'Overlap: nieuw bereikte huishoudens').get('Amsterdam (GM0363)')!;
      const row = evaluation.tables.find((t) => t.key === 'overlap')!.rows.find((x) => x.group === 'GM0363')!;
      assert.equal(overlap[0], String(row.cases));
      assert.equal(overlap[2], String(row.newHouseholds));

      const csvUrl = hrefs(r.html, /^\/v1\/evaluation\/tables\/intake\?/)[0]!;
      const csv = await p.app.inject({ method: 'GET', url: csvUrl, headers: { cookie: szw.cookie } });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
      assert.equal(lines[0], 'Gemeente,Ontvangen,Geaccepteerd,Geweigerd,Aandeel geweigerd');
      assert.match(lines.find((l) => l.startsWith('GM0363'))!, new RegExp(`^GM0363,\\d+,${accepted},`));
      assert.match(lines.find((l) => l.startsWith('GM0599'))!, /<10/);
    });

    it('speaks English on request, in the page and in the CSV headers', async () => {
      const r = await szw.get(`/dashboard?${period}&lang=en`);
      assert.equal(r.status, 200);
      assert.match(r.html, /<h1[^>]*>Monitoring and evaluation dashboard<\/h1>/);
      assert.ok(rowCount(r.html, 'Overlap: newly reached households') >= 1);
      const csv = await szw.get(hrefs(r.html, /^\/v1\/evaluation\/tables\/overlap\?.*lang=en/)[0]!);
      // figures per month unless another breakdown is chosen (trends, not totals)
      assert.match(csv.html.replace(/^\uFEFF/, ''), /^Month,Households,Known via standard signals,New,/);
      const arms = await szw.get(`/dashboard/groepen?${period}&lang=en`);
      assert.match(arms.html, /Share per experiment group with 95% confidence interval/);
      assert.match(arms.html, /in reference group/);
      await szw.get('/dashboard?lang=nl');
    });

    it('shows the figures per month by default, beside the previous period, with a glossary of one definition per figure', async () => {
      const r = await szw.get('/dashboard?from=2025-03-01&to=2025-03-31&municipality=GM0363');
      assert.equal(r.status, 200);
      assert.match(r.html, /<option value="month" selected="">Maand<\/option>/);
      const funnel = chartData(r.html, 'chart-funnel');
      assert.deepEqual(funnel.labels, ['2025-03'], 'a time series: months along the axis');
      assert.ok((JSON.parse(/id="chart-funnel-data">([\s\S]*?)<\/script>/.exec(r.html)![1]!) as { line?: boolean }).line, 'drawn as lines');
      const previous = tableUnder(r.html, 'Trechter: deze periode en de vorige');
      const e = await computeEvaluation(p.deps, await userContext(p, 'evaluator@szw.demo'), { from: '2025-03-01', to: '2025-03-31', municipalities: ['GM0363'], groupBy: 'total', compareWithPrevious: true });
      const total = e.tables.find((t) => t.key === 'funnel')!.rows[0]!;
      assert.equal(previous.get('Geaccepteerd')![0], String(total.accepted));
      assert.equal(previous.get('Zaken (huishoudens)')![0], String(total.cases));
      assert.equal(previous.get('Geaccepteerd')![1], '0', 'nothing in February');
      assert.deepEqual(e.comparison!.previous, { from: '2025-02-01', to: '2025-02-28' });

      const g = await szw.get('/dashboard/begrippen');
      assert.equal(g.status, 200);
      const terms = tableUnder(g.html, 'Begrippen van het dashboard');
      assert.match(terms.get('Opgepakt')!.join(' '), /Vroegsignaalzaak\.datum_opgepakt/);
      assert.match(terms.get('Met eindresultaat')!.join(' '), /Geen trap van de trechter/);
      assert.ok(hrefs(r.html, /^\/dashboard\/begrippen$/).length === 1, 'the dashboard links to its glossary');
      const en = await szw.get('/dashboard/begrippen?lang=en');
      assert.ok(tableUnder(en.html, 'Terms of the dashboard').has('Picked up'));
      await szw.get('/dashboard?lang=nl');
    });

    it('breaks the figures down by queue (by name) and by district (postcode area without an address table)', async () => {
      const queue = await p.deps.db.insertInto('worklist_queues').values({ municipality_code: 'GM0363', name: 'Belbakje', approach: 'phone', position: 99 }).returning('id').executeTakeFirstOrThrow();
      await sql`update cases set queue_id = ${queue.id} where municipality_code = 'GM0363'`.execute(p.deps.db);
      const q = await szw.get(`/dashboard?${period}&municipality=GM0363&groupBy=queue`);
      assert.equal(q.status, 200);
      const byQueue = tableUnder(q.html, 'Trechter: signaal → zaak → opgepakt → contact → bereikt → hulp');
      assert.ok(byQueue.has('Belbakje'), [...byQueue.keys()].join());
      const d = await szw.get(`/dashboard?${period}&municipality=GM0363&groupBy=district`);
      const byDistrict = tableUnder(d.html, 'Trechter: signaal → zaak → opgepakt → contact → bereikt → hulp');
      assert.deepEqual([...byDistrict.keys()].sort(), ['1011', '1012']);
      await sql`update cases set queue_id = null where queue_id = ${queue.id}`.execute(p.deps.db);
      await p.deps.db.deleteFrom('worklist_queues').where('id', '=', queue.id).execute();
    });

    it('never shows the evaluator a person', async () => {
      const pages = await Promise.all([`/dashboard?${period}&groupBy=arm`, `/dashboard/groepen?${period}`, `/dashboard/kosten?experiment=gemeentelijke-belastingen`].map((u) => szw.get(u)));
      const pseudonyms = (await sql<{ p: string }>`select subject_pseudonym as p from signals limit 5`.execute(p.deps.db)).rows.map((x) => x.p);
      for (const page of pages) {
        assert.equal(page.status, 200);
        for (const personal of ['Vries', '1011AB', 'Teststraat', '0612345678', ...pseudonyms]) assert.ok(!page.html.includes(personal), `${personal} leaked`);
      }
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'evaluation.read' and actor_id = (select id from users where email = 'evaluator@szw.demo')::text`.execute(p.deps.db);
      assert.ok(audit.rows[0]!.n >= 1, 'reading the dashboard is audited');
    });

    it('keeps an Amsterdam coordinator to Amsterdam and refuses roles without evaluation:read', async () => {
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      const own = await coordinator.get(`/dashboard?${period}&groupBy=municipality`);
      assert.equal(own.status, 200);
      assert.deepEqual([...tableUnder(own.html, 'Ontvangen en geweigerde signalen').keys()], ['Amsterdam (GM0363)']);
      assert.doesNotMatch(own.html, /name="municipality"/, 'no choice of municipality');
      assert.match(own.html, /u ziet alleen uw eigen gemeente/);
      for (const path of ['/dashboard', '/dashboard/groepen', '/dashboard/kosten']) assert.equal((await coordinator.get(`${path}?${period}&municipality=GM0599`)).status, 403, `${path}: Rotterdam`);
      assert.equal((await coordinator.get(`/dashboard/groepen.csv?${period}&municipality=GM0599`)).status, 404, 'nor as CSV');
      for (const email of ['medewerker@amsterdam.demo', 'aanlevering@aegon.demo']) {
        const s = await webLogin(p, email);
        for (const path of ['/dashboard', '/dashboard/groepen', '/dashboard/kosten', '/dashboard/kosten.csv?experiment=gemeentelijke-belastingen']) assert.equal((await s.get(path)).status, 403, `${email} ${path}`);
        assert.doesNotMatch((await s.get('/')).html + (await s.get('/werklijst')).html, /href="\/dashboard"/, `${email}: not in the menu`);
      }
    });

    it('says what is wrong with a selection (400) and keeps the form', async () => {
      const r = await szw.get('/dashboard?from=2025-13-01&to=2025-01-01&groupBy=street');
      assert.equal(r.status, 400);
      assert.match(r.html, /De selectie klopt niet/);
      assert.match(r.html, /groupBy: kies totaal/);
      assert.match(r.html, /<form[^>]*action="\/dashboard"[^>]*method="get"/);
      const late = await szw.get('/dashboard?from=2025-12-31&to=2025-01-01');
      assert.equal(late.status, 400);
      assert.match(late.html, /from lies after to/);
      const unknown = await szw.get('/dashboard/kosten?experiment=bestaat-niet');
      assert.equal(unknown.status, 400);
      assert.match(unknown.html, /experiment: onbekend/);
      assert.equal((await szw.get(`/dashboard?${period}&creditorType=Loterij`)).status, 400);
    });

    it('compares the experiment arms: rates with intervals, the test, the reading, the small-group warning, as CSV too', async () => {
      const r = await szw.get(`/dashboard/groepen?${period}&reference=gemeentelijke-belastingen/alleen`);
      assert.equal(r.status, 200);
      const rates = tableUnder(r.html, 'Aandeel per experimentgroep met 95%-betrouwbaarheidsinterval');
      assert.ok(rates.size >= 2);
      // No experiment chosen: each arm is named with its experiment (the seeded register's names), never by its key.
      const picked = (await sql<{ arm: string; n: number; x: number }>`select e.name_nl || ': ' || a.name_nl as arm, count(*)::int as n, count(c.picked_up_on)::int as x from cases c
        join experiment_arms a on c.experiment_arm = a.experiment_id || '/' || a.code join experiments e on e.id = a.experiment_id
        where c.municipality_code = 'GM0363' group by 1 order by 1`.execute(p.deps.db)).rows;
      assert.equal(picked.length, 2);
      assert.doesNotMatch(r.html.replace(/<[^>]+>/g, ' '), /gemeentelijke-belastingen\/(alleen|gecombineerd)/, 'arms by name, in the tables and the reading');
      const text = r.html.replace(/<[^>]+>/g, ' ');
      for (const a of picked) assert.match(text, new RegExp(`Opgepakt\\s+${a.arm}\\s+${a.n}\\s+${a.x}\\s+${Math.round((a.x / a.n) * 1000) / 10}`.replace('.', ',').replace(/\//g, '\\/')), `${a.arm}: n, picked up, rate`);
      assert.ok(tableUnder(r.html, 'Toetsing tegen de referentiegroep').size >= 1);
      assert.match(r.html, /95%-betrouwbaarheidsinterval \d+%–\d+%/, 'the reading in plain words');
      assert.match(r.html, /Kleine groepen \(minder dan 30\)/, 'fewer than 30 first contacts per arm: a warning');
      assert.ok(chartData(r.html, 'chart-arms').datasets.length >= 2);
      const csvUrl = hrefs(r.html, /^\/dashboard\/groepen\.csv\?.*part=rates/)[0]!;
      const csv = await szw.get(csvUrl);
      assert.equal(csv.status, 200);
      const lines = csv.html.replace(/^\uFEFF/, '').trim().split('\n');
      assert.equal(lines[0]!.trim(), 'Uitkomst,Groep,Huishoudens,Met uitkomst,Aandeel,95%-interval van,95%-interval tot');
      // the same rows as the table on the screen, not just a header
      assert.equal(lines.length - 1, rates.size === 0 ? 0 : rowCount(r.html, 'Aandeel per experimentgroep met 95%-betrouwbaarheidsinterval'));
      for (const a of picked) assert.ok(lines.some((l) => l.startsWith(`Opgepakt,${a.arm},${a.n},${a.x},`)), `CSV row for ${a.arm}`);
    });

    it('shows costs and benefits of an experiment, the report links and its due date; only experiments:manage edits the parameters', async () => {
      const r = await szw.get('/dashboard/kosten?experiment=gemeentelijke-belastingen');
      assert.equal(r.status, 200);
      const costs = tableUnder(r.html, 'Kosten en baten');
      const handled = Number((await sql<{ n: number }>`select count(*)::int as n from cases where picked_up_on is not null and 'municipal_tax' = any(signal_types)`.execute(p.deps.db)).rows[0]!.n);
      assert.deepEqual(costs.get('Behandeling signaal door schuldhulpverlening')!.slice(2), [String(handled), '179,00', (handled * 179).toLocaleString('nl-NL', { minimumFractionDigits: 2 })]);
      assert.match(r.html, /href="\/v1\/evaluation\/reports\/gemeentelijke-belastingen\?from=2022-01-01&amp;to=2025-12-31&amp;lang=nl"/, 'HTML report for the experiment period');
      assert.match(r.html, /href="\/v1\/evaluation\/reports\/gemeentelijke-belastingen\?from=2022-01-01&amp;to=2025-12-31&amp;lang=nl&amp;format=pdf"/);
      const due = experimentReportDue(p.deps.experiments.ruleBook, ['tr-2.1-municipal-tax'], p.deps.now().toISOString().slice(0, 10))!;
      assert.ok(r.html.includes(formatDate('nl', due.due)), 'the due date');
      if (due.warning) assert.ok(r.html.includes(due.warning.nl), 'the warning as it approaches');
      assert.doesNotMatch(r.html, /Parameters opslaan/, 'the evaluator cannot edit');
      assert.equal((await szw.post('/dashboard/kosten/gemeentelijke-belastingen', { municipalityCostPerSignal: '1' })).status, 403);
      const pdf = await p.app.inject({ method: 'GET', url: '/v1/evaluation/reports/gemeentelijke-belastingen?from=2022-01-01&to=2025-12-31&lang=nl&format=pdf', headers: { cookie: szw.cookie } });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

      const admin = await webLogin(p, 'beheer@szw.demo');
      const form = await admin.get('/dashboard/kosten?experiment=gemeentelijke-belastingen');
      assert.match(form.html, /<form[^>]*action="\/dashboard\/kosten\/gemeentelijke-belastingen"[^>]*method="post"/);
      const bad = await admin.post('/dashboard/kosten/gemeentelijke-belastingen', { municipalityCostPerSignal: 'veel', personalContactShare: '2' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /municipalityCostPerSignal: must be a number ≥ 0/);
      assert.match(bad.html, /personalContactShare: a share lies between 0 and 1/);
      assert.match(bad.html, /value="veel"/, 'the form keeps what was sent');
      assert.equal((await admin.post('/dashboard/kosten/gemeentelijke-belastingen', { municipalityCostPerSignal: '200' }, { csrf: null })).status, 403, 'CSRF');
      const ok = await admin.post('/dashboard/kosten/gemeentelijke-belastingen', { municipalityCostPerSignal: '200,50', from: '2025-01-01', to: '2025-12-31' });
      assert.equal(ok.status, 303);
      assert.match(ok.location!, /^\/dashboard\/kosten\?experiment=gemeentelijke-belastingen&from=2025-01-01&to=2025-12-31.*ok=1/);
      const after = await admin.get(ok.location!);
      assert.match(after.html, /De parameters zijn opgeslagen/);
      assert.deepEqual(tableUnder(after.html, 'Kosten en baten').get('Behandeling signaal door schuldhulpverlening')!.slice(3, 4), ['200,50']);
      const csv = await admin.get(hrefs(after.html, /^\/dashboard\/kosten\.csv\?/)[0]!);
      assert.equal(csv.status, 200);
      assert.match(csv.html, /Behandeling signaal door schuldhulpverlening,gemeente,kosten,\d+,200\.5,/);
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'evaluation.cost-parameters.update'`.execute(p.deps.db);
      assert.equal(audit.rows[0]!.n, 1);
    });

    it('shows the art. 1.3 due date in the experiment register, with a warning as it approaches', async () => {
      const r = await szw.get('/experimenten');
      assert.equal(r.status, 200);
      assert.match(r.html, /Rapport art\. 1\.3 uiterlijk/);
      const due = experimentReportDue(p.deps.experiments.ruleBook, ['tr-2.1-municipal-tax'], p.deps.now().toISOString().slice(0, 10))!;
      const row = tableUnder(r.html, 'Experimentenregister').get('Achterstanden op gemeentelijke belastingen')!;
      const word = { 'on-track': '', 'due-soon': 'binnenkort', overdue: 'te laat' }[due.status];
      assert.equal(row[row.length - 1], `${formatDate('nl', due.due)} ${word}`.trim());
      if (due.warning) {
        assert.ok(r.html.includes(due.warning.nl), 'the warning above the register');
        assert.match(r.html, /href="\/dashboard\/kosten\?experiment=gemeentelijke-belastingen"/);
      }
    });
  });
}
