import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { httpApi } from '../src/simulation/run/api-client.ts';
import { simulateDemo, type SimulationSummary } from '../src/simulation/run/simulate-demo.ts';
import { loadPopulationParams } from '../src/simulation/params/load-population-params.ts';
import { webLogin } from './helpers/web.ts';

const base = loadPopulationParams();
// More broken rows, objections and re-sent signals than real life, so that a small run shows every flow.
const params = {
  ...base,
  defects: { ...base.defects, share: 0.06 },
  repeats: { ...base.repeats, share: 0.06 },
  socialCollection: { ...base.socialCollection, residentResponse: { none: 0.8, not_negative: 0.16, objected: 0.04 } },
};

for (const engine of ENGINES) {
  describe(`simulation of an experiment through the platform (${engine.name})`, () => {
    let p: TestPlatform;
    let s: SimulationSummary;
    const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(p.deps.db)).rows[0]!.n;
    before(async () => {
      p = await startTestPlatform(engine);
      s = await simulateDemo(p.deps, {
        api: httpApi(p.url),
        municipalities: ['GM0363', 'GM0599'],
        firstMonth: '2025-02',
        months: 2,
        scale: 0.02,
        seed: 11,
        // Rotterdam understaffed: part of its cases must wait.
        capacityPerMonth: { GM0599: 15 },
        populationParams: params,
      });
    });
    after(async () => p.close());

    it('creditors deliver a few hundred signals with their own API keys, by file and by API, and the platform judges each', async () => {
      const d = s.delivery;
      assert.ok(s.generated.signals >= 200 && s.generated.signals <= 600, `${s.generated.signals} signals`);
      assert.equal(d.sent, s.generated.signals, 'every generated signal is sent');
      assert.ok(d.viaApi > 0 && d.viaFile > 0 && d.files > 0 && d.apiRequests > 0, JSON.stringify(d));
      assert.equal(d.accepted + d.refused + d.duplicate + d.conflict + d.malformed, d.sent, 'every signal has an answer');
      assert.ok(s.generated.defects > 0 && s.generated.objected > 0 && s.generated.repeats > 0, JSON.stringify(s.generated));
      assert.equal(d.refused + d.malformed, s.generated.mustBeRefused, 'exactly the broken and objected rows are refused');
      assert.ok(d.refusalCodes.RESIDENT_OBJECTED! > 0, 'objections refused as such');
      assert.ok(s.sendersOnboarded > 0, 'creditors outside the registers were onboarded');
      const stored = await count(sql<{ n: number }>`select count(*)::int as n from signals where municipality_code in ('GM0363', 'GM0599')`);
      assert.equal(stored, d.accepted, 'what was accepted is stored, nothing twice');
      const viaFile = await count(sql<{ n: number }>`select count(*)::int as n from signals where batch_id is not null`);
      assert.ok(viaFile > 0 && viaFile < stored, `${viaFile} of ${stored} stored from files, the rest from the API`);
      const keys = await count(sql<{ n: number }>`select count(distinct organisation_id)::int as n from api_keys where name = 'simulatie'`);
      assert.ok(keys >= 10, `${keys} creditors with a key of their own`);
    });

    it('matching makes cases and the municipalities work their queues up to capacity: contact attempts, reached or not, end results', async () => {
      assert.ok(s.cases.total > 0);
      assert.equal(s.contactAttempts.attempts, s.work.worked, 'one contact attempt per case worked');
      assert.equal(s.contactAttempts.reached, s.work.reached);
      assert.ok(s.work.reached > 0 && s.work.reached < s.work.worked, 'some reached, not all');
      assert.equal(s.cases.closed, s.work.worked + s.cases.closedAsRepeat, 'worked cases closed with a result; repeats closed by matching');
      assert.equal(Object.values(s.work.outcomes).reduce((a, b) => a + b, 0), s.work.worked);
      assert.ok(s.work.worked <= 2 * (s.capacityPerMonth.GM0363! + 15));
      const rotterdamWorked = await count(sql<{ n: number }>`select count(*)::int as n from contact_attempts where municipality_code = 'GM0599'`);
      assert.ok(rotterdamWorked <= 30, `Rotterdam works at most its capacity (${rotterdamWorked})`);
      const rotterdamOpen = await count(sql<{ n: number }>`select count(*)::int as n from cases where municipality_code = 'GM0599' and status = 'open'`);
      assert.ok(rotterdamOpen > 0, 'and the rest waits');
      const outside = await count(sql<{ n: number }>`select count(*)::int as n from contact_attempts a join cases c on c.id = a.case_id where a.attempted_on < c.matching_date or a.attempted_on > '2025-04-28'`);
      assert.equal(outside, 0, 'contact dates fall between matching and the end of the last working month, on the simulated clock');
      const backlog = await count(sql<{ n: number }>`select count(*)::int as n from contact_attempts a join cases c on c.id = a.case_id where a.municipality_code = 'GM0599' and a.attempted_on >= '2025-04-01' and c.matching_date = '2025-03-01'`);
      assert.ok(backlog > 0, "Rotterdam's waiting cases are worked the month after");
      const matchDates = await count(sql<{ n: number }>`select count(*)::int as n from cases where matching_date not in ('2025-03-01', '2025-04-01')`);
      assert.equal(matchDates, 0, 'matched on the first day after each month');
      const audited = await count(sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'case.contact-attempt'`);
      assert.equal(audited, s.contactAttempts.attempts, 'every registered attempt is in the audit trail');
    });

    it('feeds the monitoring: the evaluation tables over the period show the same flows', () => {
      assert.ok(s.monitoring.tables.includes('funnel') && s.monitoring.tables.includes('timeliness'));
      const f = s.monitoring.funnel!;
      assert.equal(f.accepted, s.delivery.accepted, "the funnel's accepted signals are the ones intake accepted");
      assert.equal(f.contactAttempted, s.contactAttempts.attempts);
      assert.equal(f.reached, s.contactAttempts.reached);
    });

    it("gives the demo register's running experiment arms: its households are assigned, and the dashboard, its CSV and the art. 1.3 report compare the groups", async () => {
      // The register as the demo loads it (src/app/seed/experiments.yaml): arms on a running experiment,
      // none asking for prior consent (that would refuse every demo signal without a recorded consent).
      const arms = await p.deps.db.selectFrom('experiment_arms').select(['code', 'without_prior_consent']).where('experiment_id', '=', 'gemeentelijke-belastingen').orderBy('code').execute();
      assert.deepEqual(arms.map((a) => a.code), ['alleen', 'gecombineerd']);
      assert.ok(arms.every((a) => a.without_prior_consent !== false), 'no demo arm needs prior consent');
      const perArm = await sql<{ arm: string; m: string; n: number }>`select experiment_arm as arm, municipality_code as m, count(*)::int as n from cases
        where experiment_arm like 'gemeentelijke-belastingen/%' group by 1, 2 order by 1, 2`.execute(p.deps.db);
      for (const m of ['GM0363', 'GM0599'])
        assert.deepEqual(perArm.rows.filter((r) => r.m === m).map((r) => r.arm), ['gemeentelijke-belastingen/alleen', 'gemeentelijke-belastingen/gecombineerd'], `both groups in ${m} (stratified): ${JSON.stringify(perArm.rows)}`);

      const period = 'experiment=gemeentelijke-belastingen&from=2025-02-01&to=2025-04-30';
      for (const email of ['evaluator@szw.demo', 'coordinator@amsterdam.demo']) {
        const who = await webLogin(p, email);
        const page = await who.get(`/dashboard/groepen?${period}`);
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.html, /er valt niets te vergelijken/, `${email}: groups to compare`);
        assert.match(page.html, /href="\/dashboard\/groepen\.csv\?[^"]*part=rates"/, `${email}: the CSV is offered`);
        const csv = (await who.get(`/dashboard/groepen.csv?${period}&part=rates`)).html.split(/\r?\n/).filter((l) => l.trim() !== '');
        assert.ok(csv.length > 1, `${email}: the CSV has rows, not only its header`);
        for (const name of ['Los signaal', 'Naast andere signalen']) assert.ok(csv.some((l) => l.startsWith('Opgepakt,') && l.includes(`,${name},`)), `${email}: a row for ${name}: ${csv.join(' | ')}`);
      }
      const evaluator = await webLogin(p, 'evaluator@szw.demo');
      // Without an experiment selected, every experiment's arms meet in one table: each named with its experiment, never by its key.
      const all = await evaluator.get('/dashboard/groepen?from=2025-02-01&to=2025-04-30');
      assert.match(all.html, /Achterstanden op gemeentelijke belastingen: Los signaal/);
      const key = />[^<]*gemeentelijke-belastingen\/(alleen|gecombineerd)/.exec(all.html);
      assert.equal(key, null, `no arm shown by its key: ${key?.[0]}`);
      const report = await evaluator.get(`/v1/evaluation/reports/gemeentelijke-belastingen?from=2025-02-01&to=2025-04-30&lang=nl`);
      assert.equal(report.status, 200);
      const section = /Experimentgroepen vergeleken([\s\S]*?)<h2/.exec(report.html)?.[1] ?? '';
      assert.match(section, /Los signaal/, "the report's arms section names the groups");
      assert.doesNotMatch(section, /gemeentelijke-belastingen\/(alleen|gecombineerd)/, 'by their names, not their keys');
      const paragraphs = [...section.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
      assert.ok(paragraphs.every((t, i) => i === 0 || t !== paragraphs[i - 1]), 'no reading printed twice (a small group\'s warning is its reading)');
    });
  });
}
