import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';

/** The rows of the page's table: municipality cell → all cells. */
function tableRows(html: string): Map<string, string[]> {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const rows = new Map<string, string[]>();
  for (const tr of body.split('</tr>')) {
    const cells = [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    if (cells.length > 0) rows.set(cells[0]!, cells);
  }
  return rows;
}

for (const engine of ENGINES) {
  describe(`web app: capacity what-if (${engine.name})`, () => {
    let p: TestPlatform;
    let szw: WebSession;
    before(async () => {
      p = await startTestPlatform(engine);
      szw = await webLogin(p, 'evaluator@szw.demo');
    });
    after(async () => p.close());

    it('shows the ministry the deck question: municipal tax at EUR 300 against EUR 500, per municipality that stated a capacity, as chart and table', async () => {
      const r = await szw.get('/wat-als');
      assert.equal(r.status, 200);
      assert.match(r.html, /href="\/wat-als"/, 'in the menu');
      assert.match(r.html, /<h1[^>]*>Wat-als: signalen tegenover capaciteit<\/h1>/);
      assert.match(r.html, /<svg[^>]*role="img"[^>]*aria-labelledby="wat-als-grafiek-title wat-als-grafiek-desc"/);
      const rows = tableRows(r.html);
      assert.deepEqual([...rows.keys()], ['Amsterdam (GM0363)', 'Rotterdam (GM0599)'], 'the municipalities with a stated capacity for the tax experiment');
      const ams = rows.get('Amsterdam (GM0363)')!;
      assert.equal(ams[1], '400', 'capacity stated in the experiment');
      const [now, proposal] = [Number(ams[2]!.replace(/\./g, '')), Number(ams[3]!.replace(/\./g, ''))];
      assert.ok(now > 0 && proposal < now, `EUR 500 gives fewer signals than EUR 300 (${now} → ${proposal})`);
      assert.match(r.html, /Huidig: Achterstand gemeentelijke belastingen; minimaal € 300/);
      // The uncertainty: five runs, the lowest and highest beside the mean; and how the calibration stands.
      const spread = ams[5]!.split('–').map((s) => Number(s.replace(/\./g, '')));
      assert.ok(spread[0]! <= now && now <= spread[1]!, `spread ${ams[5]} around ${now}`);
      assert.match(r.html, /het gemiddelde van 5 runs/);
      assert.match(r.html, /Kalibratie: 7 van de 7 publieke cijfers binnen ±20 % op seeds 1, 2\./);
      assert.match(r.html, /href="\/wat-als\/kalibratie"/);
    });

    it('shows the calibration: every public figure beside the simulated year, its source and whether it is within ±20 %, per seed, in Dutch and English', async () => {
      const r = await szw.get('/wat-als/kalibratie');
      assert.equal(r.status, 200);
      assert.match(r.html, /<h1[^>]*>Kalibratie van de synthetische populatie<\/h1>/);
      const tables = r.html.split('<table').slice(1);
      assert.equal(tables.length, 3, 'a table per seed and the inflow');
      for (const t of tables.slice(0, 2)) {
        const rows = tableRows(`<table${t}`);
        assert.equal(rows.size, 7);
        for (const [figure, cells] of rows) assert.equal(cells[4], 'ja', `${figure}: ${cells.join(' | ')}`);
      }
      assert.match(r.html, /Divosa, Monitor vroegsignalering 2023: 11 %/);
      assert.match(r.html, /Kamerbrief 24 515 nr\. 812/);
      const inflow = tableRows(`<table${tables[2]}`);
      // Named per signal type (the rule data's names), not by the codes a sender's file uses.
      assert.ok(inflow.has('Betalingsachterstand elektriciteit') && inflow.has('Huurachterstand'), [...inflow.keys()].join(' | '));
      const en = await szw.get('/wat-als/kalibratie?lang=en');
      assert.match(en.html, /Calibration of the synthetic population/);
      assert.match(en.html, /Cases where the resident is reached/);
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      assert.equal((await coordinator.get('/wat-als/kalibratie')).status, 200);
      assert.equal((await (await webLogin(p, 'medewerker@amsterdam.demo')).get('/wat-als/kalibratie')).status, 403);
    });

    /**
     * GETs a page whose work runs in a worker thread, checking that a health check is answered while
     * it computes and that the event loop never stalls for a second meanwhile.
     */
    async function getWhileAnswering(path: string, what: string) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      let done = false;
      const pending = szw.get(path).finally(() => (done = true));
      const probe = await p.app.inject({ method: 'GET', url: '/v1/health/live' });
      assert.equal(probe.statusCode, 200);
      assert.equal(done, false, `the health check was answered before ${what}`);
      const r = await pending;
      delay.disable();
      assert.ok(delay.max / 1e6 < 1000, `the event loop stalled for ${Math.round(delay.max / 1e6)} ms`);
      return r;
    }

    it('calibrates a chosen set of municipalities, refuses an unknown one, and keeps answering other requests while it computes', async () => {
      // A set nobody else asks for, so that it is computed here (the kept sets live as long as the process).
      const path = engine.name === ENGINES[0]!.name ? '/wat-als/kalibratie?municipality=GM0518&municipality=GM0344&municipality=GM1640' : '/wat-als/kalibratie?municipality=GM0518&municipality=GM0344';
      const r = await getWhileAnswering(path, 'the calibration');
      assert.equal(r.status, 200);
      assert.match(r.html, /Gekozen gemeenten \(Utrecht, /);
      assert.match(r.html, /id="municipality-GM0518"[^>]*checked/);
      assert.doesNotMatch(r.html, /id="municipality-GM0363"[^>]*checked/);
      const tables = r.html.split('<table').slice(1);
      assert.equal(tables.length, 3, 'a table per seed and the inflow');
      for (const t of tables.slice(0, 2)) assert.equal(tableRows(`<table${t}`).size, 7);
      assert.match(r.html, /npm run calibration -- --municipalities GM0344,GM0518/);
      const bad = await szw.get('/wat-als/kalibratie?municipality=GM9999&lang=en');
      assert.equal(bad.status, 400);
      assert.match(bad.html, /This set cannot be calculated/);
      assert.match(bad.html, /GM9999 not in the synthetic population/);
    });

    it('forecasts a new what-if question in a worker thread: other requests are answered meanwhile', async () => {
      // A question nobody else asks, so that it is forecast here (forecasts are kept per question).
      const path = `/wat-als?signal=rent&minAmount=400&compareMinAmount=900&municipality=GM0202&months=${engine.name === ENGINES[0]!.name ? 7 : 8}`;
      const r = await getWhileAnswering(path, 'the forecast');
      assert.equal(r.status, 200);
      assert.ok(tableRows(r.html).has('Arnhem (GM0202)'), 'the forecast for the municipality asked');
    });

    it('takes the current selection from an experiment, adds a new signal type, and names municipalities without a capacity', async () => {
      const r = await szw.get('/wat-als?experiment=gemeentelijke-belastingen&signal=municipal_tax&add=wmo_own_contribution&compareMinAmount=500&municipality=GM0363&municipality=GM0505&months=2&lang=en');
      assert.equal(r.status, 200);
      assert.match(r.html, /Current: Municipal tax arrear; at least € 300/, "the experiment's declared pre-selection");
      assert.match(r.html, /Proposal: Municipal tax arrear, Wmo own-contribution arrear \(CAK\); at least € 500/);
      const rows = tableRows(r.html);
      assert.match(rows.get('Dordrecht (GM0505)')!.join('|'), /no capacity stated/);
      assert.match(r.html, /No capacity stated by: GM0505/);
    });

    it('refuses bad input with what and why (400) and keeps the form', async () => {
      const r = await szw.get('/wat-als?signal=lottery&minAmount=veel&months=99');
      assert.equal(r.status, 400);
      assert.match(r.html, /De vraag kon niet worden berekend/);
      assert.match(r.html, /&#x27;lottery&#x27; is not a signal type|'lottery' is not a signal type/);
      assert.match(r.html, /months: a whole number from 1 to 36/);
      assert.match(r.html, /huidig\.minAmount/);
      assert.match(r.html, /<form[^>]*action="\/wat-als"/);
    });

    it('lets a municipal coordinator see their own municipality only, and no one without evaluation:read', async () => {
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      const own = await coordinator.get('/wat-als?signal=municipal_tax&minAmount=300&compareMinAmount=500&months=2');
      assert.equal(own.status, 200);
      assert.deepEqual([...tableRows(own.html).keys()], ['Amsterdam (GM0363)']);
      assert.doesNotMatch(own.html, /name="municipality"/, 'no choice of municipality');
      assert.equal((await coordinator.get('/wat-als?signal=municipal_tax&municipality=GM0599&months=2')).status, 403);
      for (const email of ['medewerker@amsterdam.demo', 'aanlevering@aegon.demo', 'beheer@platform.demo']) {
        const s = await webLogin(p, email);
        const r = await s.get('/wat-als');
        assert.equal(r.status, 403, email);
        assert.doesNotMatch(r.html, /href="\/wat-als"/, `${email}: not in the menu`);
      }
    });
  });
}
