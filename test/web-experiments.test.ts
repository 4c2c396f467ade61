import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin, type WebSession } from './helpers/web.ts';

for (const engine of ENGINES) {
  describe(`web app: experiment screens (${engine.name})`, () => {
    let p: TestPlatform;
    let szw: WebSession;
    before(async () => {
      p = await startTestPlatform(engine);
      szw = await webLogin(p, 'beheer@szw.demo');
    });
    after(async () => p.close());

    it('shows the register with every experiment to the ministry, filterable by stage', async () => {
      const r = await szw.get('/experimenten');
      assert.equal(r.status, 200);
      assert.match(r.html, /href="\/experimenten"/, 'in the menu');
      for (const name of ['Achterstanden op gemeentelijke belastingen', 'Signalen van DUO', 'Signalen van UWV', 'Achterstanden op eigen bijdragen Wmo en Wlz (CAK)']) assert.ok(r.html.includes(name), name);
      const stopped = await szw.get('/experimenten?stage=stopped');
      assert.match(stopped.html, /Signalen van UWV/);
      assert.doesNotMatch(stopped.html, /Signalen van DUO/);
    });

    it('shows an experiment with its designation from the rules, ground rules, participants, arms and history — in Dutch or English', async () => {
      const r = await szw.get('/experimenten/hypotheken');
      assert.equal(r.status, 200);
      assert.match(r.html, /<h1[^>]*>Achterstanden op hypotheeklasten<\/h1>/);
      assert.match(r.html, /Syntrus Achmea Real Estate &amp; Finance/, 'the 2024 amendment, read from rules/');
      assert.match(r.html, /Randvoorwaarden/);
      assert.match(r.html, /Vaste contactpersonen/);
      assert.match(r.html, /Geschiedenis/);
      const en = await szw.get('/experimenten/toeslagen?lang=en');
      assert.match(en.html, /Ground rules/);
      assert.match(en.html, /New signal alone/);
      assert.match(en.html, /Change stage/);
    });

    it('lets participants see only their own experiments, and only managers get the stage form', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      const own = await worker.get('/experimenten/hypotheken');
      assert.equal(own.status, 200);
      assert.doesNotMatch(own.html, /action="\/experimenten\/hypotheken\/fase"/);
      assert.equal((await worker.get('/experimenten/toeslagen')).status, 404);
      assert.equal((await worker.post('/experimenten/hypotheken/fase', { to: 'stopped', reason: 'test' })).status, 403);
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      assert.equal((await coordinator.post('/experimenten/duo/fase', { to: 'stopped', reason: 'niet van ons' })).status, 404);
    });

    it('refuses a submission with unmet ground rules on the page itself, then records a tick and a stop with who and why', async () => {
      const refused = await szw.post('/experimenten/toeslagen/fase', { to: 'submitted', reason: 'indienen' });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Niet aan alle randvoorwaarden voldaan/);
      assert.match(refused.html, /Inwoners kunnen bezwaar maken/);
      const tick = await szw.post('/experimenten/toeslagen/randvoorwaarden/residents_can_object', { met: 'on', note: 'bezwaarregeling in plan §4', reason: 'uitgewerkt' });
      assert.equal(tick.status, 303);
      const after = await szw.get(tick.location!);
      assert.match(after.html, /De randvoorwaarde is vastgelegd/);
      assert.match(after.html, /bezwaarregeling in plan §4/);
      assert.equal((await szw.post('/experimenten/duo/fase', { to: 'stopped', reason: 'geen budget' }, { csrf: null })).status, 403, 'a form without the token changes nothing');
      const stop = await szw.post('/experimenten/duo/fase', { to: 'stopped', reason: 'geen budget bij DUO' });
      assert.equal(stop.status, 303);
      assert.equal(stop.location, '/experimenten/duo?ok=fase');
      const duo = await szw.get(stop.location);
      assert.match(duo.html, /De fase is gewijzigd/);
      assert.match(duo.html, /geen budget bij DUO/);
      assert.match(duo.html, /Plan → Gestopt/);
      assert.match(duo.html, /afgerond/);
      assert.doesNotMatch(duo.html, /action="\/experimenten\/duo\/randvoorwaarden/, 'no ticking once it is over');
    });
  });
}
