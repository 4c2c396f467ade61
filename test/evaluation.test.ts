import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ENGINES } from './helpers/engines.ts';
import { pdfObjects, stringEntry, structElements, untaggedText } from './helpers/pdf-structure.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { importBatch } from '../src/app/intake/import-batch.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateDdas = ajv.compile(JSON.parse(readFileSync(new URL('../standards/ddas/vroegsignalering-v0.9/json_schema_Uitwisselmodel.json', import.meta.url), 'utf8')) as object);

const at = (postcode: string, n: number) => ({ street: 'Teststraat', houseNumber: String(n), postcode, city: 'Amsterdam' });
const tax = (ref: string, o: Partial<SignalInput>): SignalInput => ({ ...rentSignal(ref, o), signalType: 'municipal_tax' });

interface Table {
  key: string;
  rows: Array<Record<string, string | number | null> & { suppressed: string[] }>;
}

for (const engine of ENGINES) {
  describe(`evaluation and DDAS export (${engine.name})`, () => {
    let p: TestPlatform;
    const login = async (email: string) => {
      const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { csrfToken: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
    };
    const get = (path: string, cookie: string) => fetch(`${p.url}${path}`, { headers: { cookie } });
    const period = 'from=2025-01-01&to=2025-12-31';

    before(async () => {
      p = await startTestPlatform(engine);
      const send = async (org: string, signals: SignalInput[]) => {
        for (const o of await submitSignals(p.deps, systemContext(org, 'test'), signals, { dryRun: false })) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
      };
      // Amsterdam: 24 households with rent arrears; 12 of them and 12 other households with a municipal-tax arrear.
      await send('demo-woningcorporatie', Array.from({ length: 24 }, (_, i) => rentSignal(`r-${i}`, { address: at('1011AB', i + 1) })));
      await send('belastingen-amsterdam', [
        ...Array.from({ length: 12 }, (_, i) => tax(`t-known-${i}`, { address: at('1011AB', i + 1) })),
        ...Array.from({ length: 12 }, (_, i) => tax(`t-new-${i}`, { address: at('1012CD', i + 1), amount: '2600.00' })),
      ]);
      // Rotterdam: a few, so its cells are suppressed.
      await send('demo-woningcorporatie', Array.from({ length: 4 }, (_, i) => rentSignal(`rr-${i}`, { municipalityCode: 'GM0599', address: { ...at('3011AA', i + 1), city: 'Rotterdam' } })));
      // Utrecht: enough that hiding Rotterdam's small cell does not take Amsterdam's with it (complementary suppression).
      await send('demo-woningcorporatie', Array.from({ length: 15 }, (_, i) => rentSignal(`ru-${i}`, { municipalityCode: 'GM0344', address: { ...at('3511AA', i + 1), city: 'Utrecht' } })));
      // A file with 12 rows a landlord may not send (municipal tax): refused, citing the article.
      const csv = [CSV_HEADER, ...Array.from({ length: 12 }, (_, i) => rentCsvRow(`bad-${i}`).replace(',rent,', ',municipal_tax,')), rentCsvRow('ok-file', { postcode: '1013EF' })].join('\n');
      await importBatch(p.deps, systemContext('demo-woningcorporatie', 'test'), { source: Readable.from([csv]), format: 'csv', filename: 'test.csv', maxBytes: 1e6 });
      for (const m of ['GM0363', 'GM0599', 'GM0344']) await matchMunicipality(p.deps, systemContext(m, 'test', 'job'), m);
      // Two experiment arms, some cases picked up and closed with a DDAS end result.
      await sql`update cases set experiment_arm = case when id % 2 = 0 then 'gemeentelijke-belastingen/alleen' else 'gemeentelijke-belastingen/gecombineerd' end
        where municipality_code = 'GM0363'`.execute(p.deps.db);
      await sql`update cases set picked_up_on = matching_date + 2, status = 'picked_up' where municipality_code = 'GM0363' and id % 3 <> 0`.execute(p.deps.db);
      await sql`update cases set result = '(Budget)advies en/of quick fix', status = 'closed' where municipality_code = 'GM0363' and id % 3 = 1`.execute(p.deps.db);
      // Contact attempts as the worklist records them (migration 004): a phone call in the morning, reached.
      await sql`insert into contact_attempts (case_id, municipality_code, contact_type, reached, attempted_on, part_of_day)
        select id, municipality_code, 'Telefoon', true, matching_date + 1, 'Ochtend' from cases where municipality_code = 'GM0363' and id % 3 <> 0`.execute(p.deps.db);
    });
    after(async () => p.close());

    it('counts signals, refusals and cases exactly as stored, and suppresses cells under 10', async () => {
      const s = await login('evaluator@szw.demo');
      const res = await get(`/v1/evaluation/tables?${period}&groupBy=municipality`, s.cookie);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { tables: Table[] };
      const t = (k: string) => body.tables.find((x) => x.key === k)!;
      const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(p.deps.db)).rows[0]!.n);

      const ams = t('intake').rows.find((r) => r.group === 'GM0363')!;
      assert.equal(ams.accepted, await count(sql<{ n: number }>`select count(*)::int as n from signals where municipality_code = 'GM0363'`));
      assert.equal(ams.refused, await count(sql<{ n: number }>`select count(*)::int as n from batch_rows where outcome = 'refused' and municipality_code = 'GM0363'`));
      assert.equal(ams.refused, 12);
      const rdam = t('intake').rows.find((r) => r.group === 'GM0599')!;
      assert.equal(rdam.accepted, null, 'four Rotterdam signals are a cell under 10');
      assert.ok(rdam.suppressed.includes('accepted'));

      const reason = t('refusals').rows.find((r) => r.group === 'GM0363')!;
      assert.equal(reason.count, 12);
      assert.match(String(reason.article), /art\. 2\.1/);

      const overlap = t('overlap').rows.find((r) => r.group === 'GM0363')!;
      assert.equal(overlap.cases, await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363'`));
      assert.equal(overlap.known, await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363' and known_via_standard_signals`));
      assert.equal(overlap.experimental, await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363' and has_experimental_signal`));

      const funnel = t('funnel').rows.find((r) => r.group === 'GM0363')!;
      assert.equal(funnel.pickedUp, await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363' and picked_up_on is not null`));
      assert.equal(funnel.contactAttempted, await count(sql<{ n: number }>`select count(distinct case_id)::int as n from contact_attempts where municipality_code = 'GM0363'`));
      assert.equal(funnel.helpAccepted, await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363' and result = '(Budget)advies en/of quick fix'`));

      const amounts = (await (await get(`/v1/evaluation/tables/amounts?${period}&groupBy=creditorType`, s.cookie)).json()) as Table;
      const overige = amounts.rows.find((r) => r.group === 'Overige')!;
      assert.equal(overige.signals, 24, 'municipal taxes are DDAS "Overige"');
      assert.equal(overige.band2500Plus, 12);
    });

    it('never gives the evaluator a person: no names, addresses or pseudonyms in any table, no DDAS export', async () => {
      const s = await login('evaluator@szw.demo');
      const text = await (await get(`/v1/evaluation/tables?${period}&groupBy=arm`, s.cookie)).text();
      for (const personal of ['Vries', '1011AB', 'Teststraat', '0612345678']) assert.ok(!text.includes(personal), `${personal} leaked`);
      const pseudonyms = (await sql<{ p: string }>`select subject_pseudonym as p from signals limit 5`.execute(p.deps.db)).rows;
      for (const x of pseudonyms) assert.ok(!text.includes(x.p));
      const ddas = await fetch(`${p.url}/v1/ddas/gegevens`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(ddas.status, 403);
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'evaluation.read' and cardinality(subject_pseudonyms) = 0`.execute(p.deps.db);
      assert.ok(audit.rows[0]!.n >= 1, 'reading the evaluation is audited, without data subjects');
    });

    it('keeps a municipality to its own figures and refuses roles without evaluation:read', async () => {
      const coordinator = await login('coordinator@amsterdam.demo');
      const own = (await (await get(`/v1/evaluation/tables/intake?${period}&groupBy=municipality`, coordinator.cookie)).json()) as Table;
      assert.deepEqual(own.rows.map((r) => r.group), ['GM0363']);
      assert.equal((await get(`/v1/evaluation/tables?${period}&municipality=GM0599`, coordinator.cookie)).status, 403);
      const worker = await login('medewerker@amsterdam.demo');
      assert.equal((await get(`/v1/evaluation/tables?${period}`, worker.cookie)).status, 403);
      const bad = await get(`/v1/evaluation/tables?from=2025-12-31&to=2025-01-01`, coordinator.cookie);
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /problem\+json/);
    });

    it('downloads every table as CSV, with suppressed cells marked', async () => {
      const s = await login('evaluator@szw.demo');
      const res = await get(`/v1/evaluation/tables/intake?${period}&groupBy=municipality&format=csv`, s.cookie);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="intake-municipality-2025-01-01-2025-12-31\.csv"/);
      const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
      assert.equal(lines[0], 'Gemeente,Ontvangen,Geaccepteerd,Geweigerd,Aandeel geweigerd');
      assert.match(lines.find((l) => l.startsWith('GM0599'))!, /<10/);
    });

    it('compares the arms with intervals, a test and a reading', async () => {
      const s = await login('evaluator@szw.demo');
      const res = await get(`/v1/evaluation/arm-comparisons?${period}&experiment=gemeentelijke-belastingen&reference=gemeentelijke-belastingen/alleen`, s.cookie);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { arms: string[]; outcomes: Array<{ outcome: string; comparisons: Array<{ reading: { nl: string }; warnings: unknown[] }> }> };
      assert.deepEqual(body.arms, ['gemeentelijke-belastingen/alleen', 'gemeentelijke-belastingen/gecombineerd']);
      const picked = body.outcomes.find((o) => o.outcome === 'pickedUp')!;
      assert.ok(picked.comparisons[0]!.reading.nl.length > 20);
      assert.ok(picked.comparisons[0]!.warnings.length > 0, 'groups of about 20 households get a warning');
    });

    it('stores cost parameters per experiment (the ministry, or a participant that manages it) and computes the account', async () => {
      const admin = await login('beheer@szw.demo');
      const put = (body: unknown, who = admin) =>
        fetch(`${p.url}/v1/evaluation/cost-parameters/gemeentelijke-belastingen`, { method: 'PUT', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await put({ creditorReminderCost: -1 })).status, 400);
      assert.equal((await put({ creditorReminderCost: 2 })).status, 200);
      const evaluator = await login('evaluator@szw.demo');
      assert.equal((await put({ creditorReminderCost: 3 }, evaluator)).status, 403);
      // A coordinator may steer only experiments its municipality takes part in (Amsterdam is not in DUO's).
      const coordinator = await login('coordinator@amsterdam.demo');
      const putDuo = await fetch(`${p.url}/v1/evaluation/cost-parameters/duo`, { method: 'PUT', headers: { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ creditorReminderCost: 9 }) });
      assert.equal(putDuo.status, 404);
      const cb = (await (await get(`/v1/evaluation/cost-benefits/gemeentelijke-belastingen?${period}&municipality=GM0363`, evaluator.cookie)).json()) as { parameters: { creditorReminderCost: number }; inputs: { signalsDelivered: number }; lines: Array<{ key: string; amount: number }> };
      assert.equal(cb.parameters.creditorReminderCost, 2);
      assert.equal(cb.lines.find((l) => l.key === 'creditor-reminders')!.amount, cb.inputs.signalsDelivered * 2);
    });

    it('renders the art. 1.3 report as HTML and PDF with its due date', async () => {
      const s = await login('evaluator@szw.demo');
      const html = await get(`/v1/evaluation/reports/tijdelijke-regeling-signaal-betalingsachterstanden?signalType=municipal_tax&${period}`, s.cookie);
      assert.equal(html.status, 200);
      const text = await html.text();
      assert.match(text, /^<!doctype html>/);
      assert.match(text, /2022-01-01/);
      assert.match(text, /2024-12-31/, 'due within three years of 1 January 2022');
      assert.ok(!text.includes('Teststraat'));
      const pdf = await get(`/v1/evaluation/reports/tijdelijke-regeling-signaal-betalingsachterstanden?signalType=municipal_tax&${period}&format=pdf&lang=en`, s.cookie);
      assert.equal(pdf.status, 200);
      const pdfBytes = Buffer.from(await pdf.arrayBuffer());
      assert.equal(pdfBytes.subarray(0, 5).toString(), '%PDF-');
      // Tagged, in the asked language, with table structure (the full structure check: evaluation-report-pdf.test.ts).
      const objects = pdfObjects(pdfBytes);
      const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!.dict;
      assert.equal(stringEntry(catalog, 'Lang'), 'en-GB');
      assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
      assert.match(objects.get(Number(/\/MarkInfo (\d+) 0 R/.exec(catalog)![1]))!.dict, /\/Marked true/);
      const tags = new Set(structElements(objects).map((e) => e.type));
      for (const t of ['H1', 'H2', 'Table', 'TH', 'TD']) assert.ok(tags.has(t), t);
      assert.deepEqual(untaggedText(objects), [], 'everything drawn is tagged or an artifact');
      assert.equal((await get('/v1/evaluation/reports/no-such-thing', s.cookie)).status, 404);
      // What a browser or a PDF reader asks for is documented, so content negotiation admits it.
      const report = `${p.url}/v1/evaluation/reports/tijdelijke-regeling-signaal-betalingsachterstanden?signalType=municipal_tax&${period}`;
      const asBrowser = await fetch(report, { headers: { cookie: s.cookie, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9' } });
      assert.equal(asBrowser.status, 200);
      assert.match(asBrowser.headers.get('content-type') ?? '', /^text\/html/);
      const asPdf = await fetch(`${report}&format=pdf`, { headers: { cookie: s.cookie, accept: 'application/pdf' } });
      assert.equal(asPdf.status, 200);
      assert.match(asPdf.headers.get('content-type') ?? '', /^application\/pdf/);
      const csv = await fetch(`${p.url}/v1/evaluation/tables/amounts?${period}`, { headers: { cookie: s.cookie, accept: 'text/csv' } });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    });

    it('serves DDAS-VS: OAuth2 client credentials, a valid exchange model, paging, Digest, FSC errors, audit', async () => {
      const admin = await login('beheer@amsterdam.demo');
      const key = (await (
        await fetch(`${p.url}/v1/api-keys`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'cbs', scopes: ['ddas:export'] }) })
      ).json()) as { token: string; prefix: string };
      const tokenRes = await fetch(`${p.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${key.prefix}:${key.token.slice(`vsk_${key.prefix}_`.length)}`).toString('base64')}` },
        body: 'grant_type=client_credentials&scope=read',
      });
      assert.equal(tokenRes.status, 200);
      const token = (await tokenRes.json()) as { access_token: string; expires_in: number };
      assert.ok(token.expires_in <= 600);
      const wrong = await fetch(`${p.url}/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${key.prefix}&client_secret=nope` });
      assert.equal(wrong.status, 401);
      assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');

      const pull = (body: unknown, auth = `Bearer ${token.access_token}`) => fetch(`${p.url}/v1/ddas/gegevens`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const all = await pull({ aanleverperiodeStartdatum: '2025-01-01', aanleverperiodeEinddatum: '2025-12-31' });
      assert.equal(all.status, 200);
      const raw = await all.text();
      const { createHash } = await import('node:crypto');
      assert.equal(all.headers.get('digest'), `SHA-256=${createHash('sha256').update(raw).digest('base64')}`);
      const doc = JSON.parse(raw) as { gegevens: { leveringen: Array<{ gemeentecode: string; vroegsignalen: Array<{ ID: string; client: object }>; vroegsignaalzaken: unknown[] }> }; paginering?: unknown };
      assert.ok(validateDdas(doc.gegevens), JSON.stringify(validateDdas.errors));
      assert.equal(doc.paginering, undefined);
      assert.deepEqual(doc.gegevens.leveringen.map((l) => l.gemeentecode), ['0363'], 'a municipality pulls its own data only');
      const n = Number((await sql<{ n: number }>`select count(*)::int as n from signals where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n);
      assert.equal(doc.gegevens.leveringen[0]!.vroegsignalen.length, n);
      assert.deepEqual(doc.gegevens.leveringen[0]!.vroegsignalen[0]!.client, {}, 'no resident details by default');
      const attempts = doc.gegevens.leveringen[0]!.vroegsignaalzaken.flatMap((z) => (z as { contactpogingen?: unknown[] }).contactpogingen ?? []);
      assert.equal(attempts.length, Number((await sql<{ n: number }>`select count(*)::int as n from contact_attempts where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n));
      assert.deepEqual(Object.keys(attempts[0] as object).sort(), ['bereikt', 'dagdeel', 'datum', 'soort']);

      // A delivery that holds together: no case refers to a signal outside it; no signal of a picked-up
      // case reads "Nog niet opgepakt"; a signal in no case is delivered with its own status.
      const l0 = doc.gegevens.leveringen[0]! as unknown as { vroegsignalen: Array<{ ID: string; status?: string }>; vroegsignaalzaken: Array<{ datum_opgepakt?: string; resultaat?: string; vroegsignalen: Array<{ ID: string }> }> };
      const delivered = new Map(l0.vroegsignalen.map((v) => [v.ID, v]));
      for (const z of l0.vroegsignaalzaken) {
        for (const ref of z.vroegsignalen) assert.ok(delivered.has(ref.ID), `case refers to signal ${ref.ID} outside the delivery`);
        if (z.datum_opgepakt) for (const ref of z.vroegsignalen) assert.notEqual(delivered.get(ref.ID)!.status, 'Nog niet opgepakt');
      }
      const inCase = new Set(l0.vroegsignaalzaken.flatMap((z) => z.vroegsignalen.map((x) => x.ID)));
      const loose = (await sql<{ id: string; status: string }>`select st.signal_id::text as id, st.status from signal_states st
        where st.municipality_code = 'GM0363' and st.case_id is null`.execute(p.deps.db)).rows;
      for (const x of loose) {
        assert.equal(delivered.get(x.id)?.status, x.status, `signal ${x.id} in no case is delivered with its status`);
        assert.ok(!inCase.has(x.id));
      }
      // a case whose later signal lies outside the period refers only to the one inside
      const two = (await sql<{ id: string; last: string; date: string }>`select case_id::text as id, max(signal_id)::text as last, max(signal_date)::text as date
        from signal_states where municipality_code = 'GM0363' and case_id is not null group by case_id having count(*) >= 2 limit 1`.execute(p.deps.db)).rows[0]!;
      await sql`update signal_states set signal_date = '2026-01-15' where signal_id = ${two.last}`.execute(p.deps.db);
      try {
        const narrow = (await (await pull({ aanleverperiodeStartdatum: '2025-01-01', aanleverperiodeEinddatum: '2025-12-31' })).json()) as typeof doc;
        assert.ok(validateDdas(narrow.gegevens));
        const lev = narrow.gegevens.leveringen[0]! as unknown as typeof l0;
        assert.ok(!lev.vroegsignalen.some((v) => v.ID === two.last));
        assert.ok(!lev.vroegsignaalzaken.some((z) => z.vroegsignalen.some((x) => x.ID === two.last)), 'no reference to a signal outside the period');
      } finally {
        await sql`update signal_states set signal_date = ${two.date} where signal_id = ${two.last}`.execute(p.deps.db);
      }

      // paging: every signal exactly once, every case exactly once
      const seen: string[] = [];
      let cases = 0;
      let pagesHold = true;
      for (let page = 1; ; page++) {
        const r = (await (await pull({ aanleverperiodeStartdatum: '2025-01-01', aanleverperiodeEinddatum: '2025-12-31', pageSize: 20, page })).json()) as typeof doc & { paginering: { totalPages: number; totalRecords: number } };
        assert.ok(validateDdas(r.gegevens));
        seen.push(...r.gegevens.leveringen[0]!.vroegsignalen.map((v) => v.ID));
        const onPage = new Set(r.gegevens.leveringen[0]!.vroegsignalen.map((v) => v.ID));
        pagesHold &&= r.gegevens.leveringen[0]!.vroegsignaalzaken.every((z) => (z as { vroegsignalen: Array<{ ID: string }> }).vroegsignalen.every((x) => onPage.has(x.ID)));
        cases += r.gegevens.leveringen[0]!.vroegsignaalzaken.length;
        assert.equal(r.paginering.totalRecords, n);
        if (page >= r.paginering.totalPages) break;
      }
      assert.equal(new Set(seen).size, n);
      assert.ok(pagesHold, 'every case refers only to signals of its own message');
      assert.equal(cases, Number((await sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0363'`.execute(p.deps.db)).rows[0]!.n));

      const tooBig = await pull({ pageSize: 50_001 });
      assert.equal(tooBig.status, 400);
      assert.match(tooBig.headers.get('content-type') ?? '', /problem\+json/);
      const other = await pull({ aanleverende_organisatie: 'GM0599' });
      assert.equal(other.status, 403);
      const noToken = await fetch(`${p.url}/v1/ddas/gegevens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(noToken.status, 401);
      assert.equal(noToken.headers.get('fsc-error-code'), 'ERROR_CODE_ACCESS_TOKEN_MISSING');
      const badToken = await pull({}, 'Bearer vsat_forged');
      assert.equal(badToken.status, 401);
      assert.equal(badToken.headers.get('fsc-error-code'), 'ERROR_CODE_ACCESS_TOKEN_INVALID');
      assert.equal(((await badToken.json()) as { domain: string }).domain, 'ERROR_DOMAIN_INWAY');
      const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'ddas.export' and organisation_id = 'GM0363'`.execute(p.deps.db);
      assert.ok(Number(audited.rows[0]!.n) >= 2);
    });
  });
}
