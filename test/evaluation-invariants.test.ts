import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { markedRuns, pdfObjects } from './helpers/pdf-structure.ts';
import { CSV_HEADER, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { userContext, webLogin } from './helpers/web.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { importBatch } from '../src/app/intake/import-batch.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { computeEvaluation, readEvaluationCells } from '../src/app/evaluation/compute-evaluation.ts';
import { buildArticleReport } from '../src/app/evaluation/build-article-report.ts';
import { exportDdas } from '../src/app/ddas/export-ddas.ts';
import { recordContactAttempt } from '../src/app/worklist/record-contact-attempt.ts';
import { recordOutcome } from '../src/app/worklist/record-outcome.ts';
import { resolveEvaluationFilter } from '../src/app/evaluation/scope.ts';
import type { CallContext } from '../src/app/context.ts';
import { DIMENSIONS, type Dimension, type EvaluationTable } from '../src/domain/evaluation/tables.ts';
import { FUNNEL_STAGES } from '../src/domain/evaluation/definitions.ts';
import { CASE_RESULTS, RESULTS_HELP_ACCEPTED, RESULTS_WITH_CONTACT, type CaseResult } from '../src/domain/ddas/vocabulary.ts';
import type { SignalInput } from '../src/domain/signals/signal.ts';

/**
 * Issue 21: one definition per figure, computed the same everywhere. Over generated histories —
 * signals of several creditors and months, refused file rows, matching, and casework through the
 * worklist's own use cases — the funnel nests for every breakdown and filter, breakdowns add up to
 * their totals (except suppressed cells, which are marked), and the dashboard, its CSV, the
 * art. 1.3 report (its data, HTML and PDF) and the DDAS export give the same figures for one history.
 */

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A signal of a month of 2025 whose social collection came first, as the rules require. */
function signalOn(ref: string, type: 'rent' | 'municipal_tax', municipality: string, postcode: string, houseNumber: number, month: number): SignalInput {
  const date = `2025-${String(month).padStart(2, '0')}-14`;
  return {
    ...rentSignal(ref, { municipalityCode: municipality, address: { street: 'Proefstraat', houseNumber: String(houseNumber), postcode, city: municipality === 'GM0363' ? 'Amsterdam' : 'Rotterdam' } }),
    signalType: type,
    signalDate: date,
    socialCollection: { personalContactAttemptedOn: shift(date, -22), debtAssistanceReferredOn: shift(date, -22), reminderSentOn: shift(date, -41), agreementOfferedInReminder: true, residentResponse: 'none' },
  };
}

type Work = 'none' | 'admin' | 'attempt' | 'reached' | { result: CaseResult; attempt: 'none' | 'attempt' | 'reached' };
interface Household {
  municipality: 'GM0363' | 'GM0599';
  signals: Array<{ type: 'rent' | 'municipal_tax'; month: number }>;
  work: Work;
}

const works: Array<fc.Arbitrary<Work>> = [
  fc.constantFrom<Work>('none', 'admin', 'attempt', 'reached'),
  fc.record({ result: fc.constantFrom(...CASE_RESULTS), attempt: fc.constantFrom('none' as const, 'attempt' as const, 'reached' as const) }),
];
const householdArb: fc.Arbitrary<Household> = fc.record({
  municipality: fc.constantFrom('GM0363' as const, 'GM0599' as const),
  signals: fc.array(fc.record({ type: fc.constantFrom('rent' as const, 'municipal_tax' as const), month: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 3 }),
  work: fc.oneof(...works),
});

let run = 0;

/** Plays a history through the platform: intake (and a file with refused rows), matching, casework. */
async function play(p: TestPlatform, workers: Record<string, CallContext>, households: Household[], refusedRows: number): Promise<void> {
  const r = run++;
  const byCreditor = new Map<string, SignalInput[]>();
  households.forEach((h, i) => {
    const postcode = `${h.municipality === 'GM0363' ? 10 : 30}${String(10 + (r % 90)).padStart(2, '0')}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}${String.fromCharCode(65 + (i % 26))}`;
    h.signals.forEach((s, j) => {
      // municipal tax is Amsterdam's experiment: elsewhere the household's signal is rent
      const type = h.municipality === 'GM0363' ? s.type : 'rent';
      // the municipal-tax signal was repealed with effect from 16 May 2025 (Stcrt. 2025, 17636): sent before then
      const month = type === 'municipal_tax' ? 1 + ((s.month - 1) % 5) : s.month;
      const creditor = type === 'rent' ? 'demo-woningcorporatie' : 'belastingen-amsterdam';
      const list = byCreditor.get(creditor) ?? [];
      list.push(signalOn(`inv-${r}-${i}-${j}`, type, h.municipality, postcode, 1 + (i % 200), month));
      byCreditor.set(creditor, list);
    });
  });
  for (const [creditor, signals] of byCreditor)
    for (const o of await submitSignals(p.deps, systemContext(creditor, 'test'), signals, { dryRun: false })) assert.equal(o.outcome, 'accepted', JSON.stringify(o.refusals));
  if (refusedRows > 0) {
    // a landlord may not send municipal tax: refused rows, counted as received and refused
    const rows = Array.from({ length: refusedRows }, (_, i) => `inv-bad-${r}-${i},municipal_tax,2025-05-14,GM0363,100.00,J.,Vries,Proefstraat,${i + 1},1099ZZ,Amsterdam,2025-04-22,2025-04-22,2025-04-03,ja,none`);
    await importBatch(p.deps, systemContext('demo-woningcorporatie', 'test'), { source: Readable.from([[CSV_HEADER, ...rows].join('\n')]), format: 'csv', filename: 'bad.csv', maxBytes: 1e6 });
  }
  for (const m of ['GM0363', 'GM0599']) await matchMunicipality(p.deps, systemContext(m, 'test', 'job'), m);
  // casework on each household's open case, through the worklist's use cases
  for (const [i, h] of households.entries()) {
    const ref = `inv-${r}-${i}-0`;
    const c = (await sql<{ id: string; status: string; first: string }>`select c.id::text as id, c.status, to_char(c.first_signal_date, 'YYYY-MM-DD') as first
      from signals s join signal_states st on st.signal_id = s.id join cases c on c.id = st.case_id where s.reference = ${ref}`.execute(p.deps.db)).rows[0];
    if (!c || c.status === 'closed') continue;
    const ctx = workers[h.municipality]!;
    const attempt = (kind: 'admin' | 'attempt' | 'reached') =>
      recordContactAttempt(p.deps, ctx, c.id, { contactType: kind === 'admin' ? 'Administratief' : 'Telefoon', reached: kind === 'reached' ? 'yes' : 'no', date: c.first, partOfDay: 'Ochtend' });
    if (typeof h.work === 'string') {
      if (h.work !== 'none') await attempt(h.work);
    } else {
      if (h.work.attempt !== 'none') await attempt(h.work.attempt);
      await recordOutcome(p.deps, ctx, c.id, { result: h.work.result });
    }
  }
  // experiment arms for Amsterdam's cases, as experiments assign them
  await sql`update cases set experiment_arm = case when id % 2 = 0 then 'inv/alleen' else 'inv/gecombineerd' end where municipality_code = 'GM0363'`.execute(p.deps.db);
}

type Row = EvaluationTable['rows'][number];
const num = (r: Row, k: string): number | null => (r.suppressed.includes(k) || typeof r[k] !== 'number' ? null : (r[k] as number));
const table = (tables: EvaluationTable[], key: string) => tables.find((t) => t.key === key)!;

/** a ≥ b where both are known (a suppressed figure is unknown, not zero). */
function atLeast(r: Row, a: string, b: string, where: string) {
  const x = num(r, a);
  const y = num(r, b);
  if (x !== null && y !== null) assert.ok(x >= y, `${where}: ${a} (${x}) ≥ ${b} (${y})`);
}

function assertNests(t: EvaluationTable, where: string) {
  for (const r of t.rows) {
    const w = `${where} [${String(r.group)}]`;
    atLeast(r, 'accepted', 'matched', w);
    // by signal-partner type a case counts under each type it holds: no cross-population bound there
    if (t.dimension !== 'creditorType') atLeast(r, 'matched', 'cases', w);
    for (const [a, b] of [['cases', 'pickedUp'], ['pickedUp', 'contactAttempted'], ['contactAttempted', 'reached'], ['reached', 'helpAccepted'], ['cases', 'withOutcome'], ['withOutcome', 'notPickedUp']] as const) atLeast(r, a, b, w);
    const [cases, picked, notPicked] = [num(r, 'cases'), num(r, 'pickedUp'), num(r, 'notPickedUp')];
    if (cases !== null && picked !== null && notPicked !== null) assert.ok(picked + notPicked <= cases, `${w}: picked up + closed without pick-up ≤ cases`);
  }
}

/** Each count column of a breakdown adds up to the total; where a cell is suppressed it is marked, and the rest stay under the total. */
function assertAddsUp(parts: EvaluationTable, total: EvaluationTable, where: string) {
  const whole = total.rows[0];
  if (!whole) return assert.equal(parts.rows.length, 0, `${where}: no total, no parts`);
  for (const c of parts.columns.filter((x) => x.type === 'count')) {
    const t = num(whole, c.key);
    if (t === null) continue;
    const hidden = parts.rows.filter((r) => r.suppressed.includes(c.key));
    for (const r of hidden) assert.equal(r[c.key], null, `${where}: a suppressed cell carries no figure`);
    const sum = parts.rows.reduce((s, r) => s + (num(r, c.key) ?? 0), 0);
    if (hidden.length === 0) assert.equal(sum, t, `${where}: ${c.key} adds up to the total`);
    else assert.ok(sum <= t, `${where}: ${c.key} visible parts ≤ total`);
  }
}

async function assertInvariants(p: TestPlatform, ministry: CallContext) {
  const filters: Array<{ name: string; q: { municipalities?: string[]; creditorTypes?: string[] } }> = [
    { name: 'all', q: {} },
    { name: 'Amsterdam', q: { municipalities: ['GM0363'] } },
    { name: 'Huur', q: { creditorTypes: ['Huur'] } },
  ];
  for (const f of filters) {
    const total = await computeEvaluation(p.deps, ministry, { ...YEAR, ...f.q, groupBy: 'total' });
    assertNests(table(total.tables, 'funnel'), `${f.name}/total`);
    for (const d of DIMENSIONS.filter((x) => x !== 'total') as Dimension[]) {
      const e = await computeEvaluation(p.deps, ministry, { ...YEAR, ...f.q, groupBy: d });
      assertNests(table(e.tables, 'funnel'), `${f.name}/${d}`);
      if (d === 'creditorType') continue;
      for (const key of ['funnel', 'intake', 'households', 'overlap', 'timeliness'])
        if (table(e.tables, key).dimension === d) assertAddsUp(table(e.tables, key), table(total.tables, key), `${f.name}/${d}/${key}`);
    }
    // unsuppressed: every raw cell nests, and cases never outnumber matched signals per month and municipality
    const cells = await readEvaluationCells(p.deps.db, resolveEvaluationFilter(ministry, { ...YEAR, ...f.q }, p.deps.now(), p.deps.rules));
    for (const c of cells.cases) {
      assert.ok(c.cases >= c.pickedUp && c.pickedUp >= (c.contactAttempted ?? c.reached) && (c.contactAttempted ?? c.reached) >= c.reached && c.reached >= c.helpAccepted, `${f.name}: a case cell nests ${JSON.stringify(c)}`);
      assert.ok(c.withOutcome <= c.cases && (c.notPickedUp ?? 0) + c.pickedUp <= c.cases);
    }
    const by = (k: (x: { month: string; municipality: string }) => string) => {
      const m = new Map<string, { matched: number; cases: number }>();
      for (const s of cells.signals) m.set(k(s), { matched: (m.get(k(s))?.matched ?? 0) + s.inCase, cases: m.get(k(s))?.cases ?? 0 });
      for (const c of cells.cases) m.set(k(c), { matched: m.get(k(c))?.matched ?? 0, cases: (m.get(k(c))?.cases ?? 0) + c.cases });
      return m;
    };
    for (const [key, v] of by((x) => `${x.month}|${x.municipality}`)) assert.ok(v.cases <= v.matched, `${f.name} ${key}: cases (${v.cases}) ≤ matched signals (${v.matched})`);
  }
}

/** The DDAS delivery's own counts, by the same definitions (definitions.ts). */
function ddasCounts(l: { vroegsignalen?: Array<{ ID: string }>; vroegsignaalzaken?: Array<{ resultaat?: string; datum_opgepakt?: string; vroegsignalen: Array<{ ID: string }>; contactpogingen?: Array<{ soort?: string; bereikt: boolean }> }> }) {
  const zaken = l.vroegsignaalzaken ?? [];
  const toResident = (z: (typeof zaken)[number]) => (z.contactpogingen ?? []).filter((a) => a.soort !== 'Administratief');
  const reached = (z: (typeof zaken)[number]) => toResident(z).some((a) => a.bereikt) || RESULTS_WITH_CONTACT.has(z.resultaat as CaseResult);
  return {
    accepted: (l.vroegsignalen ?? []).length,
    matched: new Set(zaken.flatMap((z) => z.vroegsignalen.map((s) => s.ID))).size,
    cases: zaken.length,
    pickedUp: zaken.filter((z) => z.datum_opgepakt).length,
    contactAttempted: zaken.filter((z) => toResident(z).length > 0 || reached(z)).length,
    reached: zaken.filter(reached).length,
    helpAccepted: zaken.filter((z) => RESULTS_HELP_ACCEPTED.has(z.resultaat as CaseResult)).length,
    withOutcome: zaken.filter((z) => z.resultaat).length,
  };
}

/** The cells of the table under a caption in a page: row header → cells. */
function tableUnder(html: string, caption: string): Map<string, string[]> {
  const start = html.indexOf(`>${caption}</caption>`);
  assert.ok(start >= 0, `a table captioned "${caption}"`);
  const head = [...(/<thead[^>]*>([\s\S]*?)<\/thead>/.exec(html.slice(start))![1]!.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g))].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html.slice(start))![1]!;
  const rows = new Map<string, string[]>();
  rows.set('', head);
  for (const tr of body.split('</tr>')) {
    const cells = [...tr.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    if (cells.length > 0) rows.set(cells[0]!, cells);
  }
  return rows;
}
const plain = (s: string) => s.replace(/[.\s\u00a0]/g, '');

for (const engine of ENGINES) {
  describe(`evaluation: one definition per figure, everywhere (${engine.name})`, () => {
    let p: TestPlatform;
    let ministry: CallContext;
    let workers: Record<string, CallContext>;

    before(async () => {
      p = await startTestPlatform(engine);
      ministry = await userContext(p, 'evaluator@szw.demo');
      workers = { GM0363: await userContext(p, 'medewerker@amsterdam.demo'), GM0599: await userContext(p, 'medewerker@rotterdam.demo') };
    });
    after(async () => p.close());

    it('the dashboard, its CSV, the art. 1.3 report (HTML and PDF) and the DDAS export give the same figures for one history', async () => {
      // A fixed history, big enough that no figure is suppressed: 90 Amsterdam households.
      const results: CaseResult[] = ['(Budget)advies en/of quick fix', 'Inwoner hoeft geen hulp vanuit vroegsignalering', 'Niet opgepakt: andere reden', 'Vervolghulp en/of verwijzing financieel', 'Geen reactie na eerder contact'];
      const households: Household[] = Array.from({ length: 90 }, (_, i) => ({
        municipality: 'GM0363',
        signals: [{ type: i % 3 === 0 ? 'rent' : 'municipal_tax', month: 1 + (i % 12) }, ...(i % 4 === 0 ? [{ type: 'rent' as const, month: 1 + (i % 12) }] : [])],
        work: i % 6 === 0 ? 'none' : i % 6 === 1 ? 'attempt' : i % 6 === 2 ? 'reached' : { result: results[i % results.length]!, attempt: i % 2 === 0 ? 'reached' : 'none' },
      }));
      await play(p, workers, households, 12);

      const ams = { ...YEAR, municipalities: ['GM0363'] };
      const e = await computeEvaluation(p.deps, ministry, { ...ams, groupBy: 'total' });
      const funnel = table(e.tables, 'funnel').rows[0]!;
      for (const k of FUNNEL_STAGES) assert.ok(num(funnel, k) !== null && num(funnel, k)! >= 10, `${k} is published (${String(funnel[k])})`);

      // DDAS export of the same period and municipality, by the same definitions
      const coordinator = await userContext(p, 'coordinator@amsterdam.demo');
      const ddas = await exportDdas(p.deps, coordinator, { aanleverperiodeStartdatum: YEAR.from, aanleverperiodeEinddatum: YEAR.to }, { supplierCode: 'TEST', clientDetail: 'none' });
      const counts = ddasCounts(ddas.gegevens.leveringen![0]! as Parameters<typeof ddasCounts>[0]);
      assert.deepEqual(
        Object.fromEntries(Object.keys(counts).map((k) => [k, funnel[k]])),
        counts,
        'the funnel counts exactly what the DDAS delivery holds',
      );

      // the dashboard page and its CSV
      const szw = await webLogin(p, 'evaluator@szw.demo');
      const page = await szw.get(`/dashboard?from=${YEAR.from}&to=${YEAR.to}&municipality=GM0363&groupBy=total`);
      assert.equal(page.status, 200);
      const shown = tableUnder(page.html, 'Trechter: signaal → zaak → opgepakt → contact → bereikt → hulp');
      const header = shown.get('')!;
      const totalRow = shown.get('Totaal')!;
      const col = (label: string) => plain(totalRow[header.indexOf(label)] ?? '');
      assert.equal(col('Geaccepteerd'), String(funnel.accepted));
      assert.equal(col('Zaken (huishoudens)'), String(funnel.cases));
      assert.equal(col('Bereikt'), String(funnel.reached));
      assert.equal(col('Hulp geaccepteerd'), String(funnel.helpAccepted));
      const csv = await szw.get(`/v1/evaluation/tables/funnel?from=${YEAR.from}&to=${YEAR.to}&municipality=GM0363&groupBy=total&format=csv&lang=en`);
      const [head, line] = csv.html.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
      for (const [label, key] of [['Accepted', 'accepted'], ['Picked up', 'pickedUp'], ['Contact attempted', 'contactAttempted'], ['With end result', 'withOutcome']] as const)
        assert.equal(line![head!.indexOf(label)], String(funnel[key]), `CSV ${label}`);

      // the art. 1.3 report for the municipal-tax signal, beside the dashboard's figures for that signal
      const taxOnly = await computeEvaluation(p.deps, ministry, { ...YEAR, signalTypes: ['municipal_tax'], groupBy: 'total' });
      const report = await buildArticleReport(p.deps, ministry, { subjectId: 'tijdelijke-regeling-signaal-betalingsachterstanden', ...YEAR, signalTypes: ['municipal_tax'] });
      const reportFunnel = table(report.tables, 'funnel').rows[0]!;
      for (const k of [...FUNNEL_STAGES, 'withOutcome']) assert.equal(reportFunnel[k], table(taxOnly.tables, 'funnel').rows[0]![k], `report ${k}`);
      const intake = table(taxOnly.tables, 'intake').rows[0]!;
      assert.equal(table(report.tables, 'intake').rows[0]!.accepted, intake.accepted);
      assert.equal(intake.accepted, reportFunnel.accepted, 'the intake table and the funnel start from the same accepted signals');
      // and the rendered report (HTML) prints those figures
      const html = (await szw.get(`/v1/evaluation/reports/tijdelijke-regeling-signaal-betalingsachterstanden?signalType=municipal_tax&from=${YEAR.from}&to=${YEAR.to}&format=html`)).html;
      const funnelHtml = html.slice(html.indexOf('>Trechter: signaal'));
      const heads = [.../<thead>([\s\S]*?)<\/thead>/.exec(funnelHtml)![1]!.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]!);
      const cells = [.../<tbody>([\s\S]*?)<\/tbody>/.exec(funnelHtml)![1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!);
      for (const [label, key] of [['Geaccepteerd', 'accepted'], ['Zaken (huishoudens)', 'cases'], ['Opgepakt', 'pickedUp'], ['Bereikt', 'reached']] as const)
        assert.equal(plain(cells[heads.indexOf(label)]!), String(reportFunnel[key]), `report HTML ${label}`);
      // and the report as PDF, read from its tagged structure: the funnel's header cells (TH) each with its figure (TD)
      const pdf = await p.app.inject({ method: 'GET', url: `/v1/evaluation/reports/tijdelijke-regeling-signaal-betalingsachterstanden?signalType=municipal_tax&from=${YEAR.from}&to=${YEAR.to}&format=pdf&lang=nl`, headers: { cookie: szw.cookie } });
      assert.equal(pdf.statusCode, 200);
      const runs = markedRuns(pdfObjects(pdf.rawPayload)).filter((r) => r.tag !== 'Artifact');
      const from = runs.findIndex((r) => r.tag === 'H3' && r.lines.join('').startsWith('Trechter'));
      assert.ok(from >= 0, 'the PDF has the funnel');
      const pdfFigures = new Map<string, string>();
      for (let i = from + 1; i < runs.length - 1 && !/^H\d$/.test(runs[i]!.tag); i++)
        if (runs[i]!.tag === 'TH' && runs[i + 1]!.tag === 'TD') pdfFigures.set(runs[i]!.lines.join(' '), runs[i + 1]!.lines.join(''));
      for (const [label, key] of [['Geaccepteerd', 'accepted'], ['Gematcht (in een zaak)', 'matched'], ['Zaken (huishoudens)', 'cases'], ['Opgepakt', 'pickedUp'], ['Contact geprobeerd', 'contactAttempted'], ['Bereikt', 'reached'], ['Hulp geaccepteerd', 'helpAccepted'], ['Met eindresultaat', 'withOutcome']] as const)
        assert.equal(plain(pdfFigures.get(label) ?? ''), String(reportFunnel[key]), `report PDF ${label}`);
    });

    it('over generated histories the funnel nests for every breakdown and filter, and breakdowns add up to their totals', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(householdArb, { minLength: 5, maxLength: 40 }), fc.integer({ min: 0, max: 14 }), async (households, refused) => {
          await play(p, workers, households, refused);
          await assertInvariants(p, ministry);
        }),
        { numRuns: 5, seed: 2026 },
      );
    });
  });
}
