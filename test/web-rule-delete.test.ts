import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';

const COORDINATOR = 'coordinator@amsterdam.demo';

for (const engine of ENGINES) {
  describe(`web: deleting a queue rule is confirmed first (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 60);
    });
    after(async () => {
      await p.close();
    });

    const ruleIds = async () => (await sql<{ id: string }>`select id::text from worklist_rules where municipality_code = 'GM0363' order by position, id`.execute(p.deps.db)).rows.map((r) => r.id);
    const audits = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log where activity = 'worklist.rule.delete'`.execute(p.deps.db)).rows[0]!.n;

    it('links to a confirmation page that shows how many open cases move where; only confirming deletes, audited', async () => {
      const s = await webLogin(p, COORDINATOR);
      const overview = await s.get('/afwegingskader');
      const ids = await ruleIds();
      assert.ok(ids.length > 0, 'the demo has queue rules');
      // The overview's delete is a link to the confirmation, not a form that deletes at once.
      assert.match(overview.html, new RegExp(`href="/afwegingskader/regels/${ids[0]}/verwijderen"`));
      assert.doesNotMatch(overview.html, new RegExp(`action="/afwegingskader/regels/${ids[0]}/verwijderen"`));
      // The rule that catches the most open cases, from the overview's counts.
      const caught = await Promise.all(ids.map(async (id) => ({ id, page: await s.get(`/afwegingskader/regels/${id}/verwijderen`) })));
      const withCases = caught.find((c) => /vangt nu \d+ open zaken/.test(c.page.html)) ?? caught[0]!;
      const page = withCases.page;
      assert.equal(page.status, 200);
      assert.match(page.html, /<h1[^>]*>Regel \d+ verwijderen\?<\/h1>/);
      assert.match(page.html, /Ja, regel verwijderen/);
      if (/vangt nu (\d+) open zaken/.test(page.html)) {
        const n = Number(/vangt nu (\d+) open zaken/.exec(page.html)![1]);
        const moved = [...page.html.matchAll(/<li[^>]*>(\d+) naar ([^<]+)<\/li>/g)].reduce((sum, m) => sum + Number(m[1]), 0);
        assert.equal(moved, n, 'every caught case is shown with where it goes');
      }
      const before = await audits();
      // Posting without the confirmation deletes nothing and sends back to the confirmation page.
      const unconfirmed = await s.post(`/afwegingskader/regels/${withCases.id}/verwijderen`, {});
      assert.equal(unconfirmed.status, 303);
      assert.equal(unconfirmed.location, `/afwegingskader/regels/${withCases.id}/verwijderen`);
      assert.ok((await ruleIds()).includes(withCases.id));
      const confirmed = await s.post(`/afwegingskader/regels/${withCases.id}/verwijderen`, { bevestigd: '1' });
      assert.equal(confirmed.status, 303);
      assert.ok(!(await ruleIds()).includes(withCases.id));
      assert.equal((await audits()) - before, 1);
      assert.equal((await s.get(`/afwegingskader/regels/${withCases.id}/verwijderen`)).status, 404);
      const en = await s.get(`/afwegingskader/regels/${ids.find((id) => id !== withCases.id)}/verwijderen?lang=en`);
      assert.match(en.html, /Yes, delete the rule/);
    });
  });
}
