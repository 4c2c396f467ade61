import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';

/** The headings, table captions and fieldset legends a sighted reader sees (not those kept for screen readers only). */
function visibleTitles(html: string): string[] {
  return [...html.matchAll(/<(h[1-6]|caption|legend)(?![^>]*vs-visually-hidden)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim());
}

for (const engine of ENGINES) {
  describe(`web: no heading printed twice (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 40);
    });
    after(async () => {
      await p.close();
    });

    it('prints each heading, caption and legend once on the worker and coordinator pages (casework included)', async () => {
      const caseId = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' order by id limit 1`.execute(p.deps.db)).rows[0]!.id;
      const ruleId = (await sql<{ id: string }>`select id::text from worklist_rules where municipality_code = 'GM0363' order by position limit 1`.execute(p.deps.db)).rows[0]!.id;
      // A case closed with a financial follow-up: in the archive, to re-open and to hand off.
      const closed = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status <> 'closed' and id <> ${caseId} order by id desc limit 1`.execute(p.deps.db)).rows[0]!.id;
      await sql`update cases set status = 'closed', closed_at = now(), result = 'Vervolghulp en/of verwijzing financieel' where id = ${closed}`.execute(p.deps.db);
      const pages: Record<string, string[]> = {
        'medewerker@amsterdam.demo': ['/', '/werklijst', `/zaken/${caseId}`, `/zaken/${caseId}/bericht`, '/archief', `/archief?caseId=${closed}`, `/zaken/${closed}`, `/zaken/${closed}/heropenen`, `/zaken/${closed}/overdracht`, '/werklijst/brieven'],
        'coordinator@amsterdam.demo': ['/capaciteit', '/afwegingskader', '/afwegingskader/regels/nieuw', `/afwegingskader/regels/${ruleId}/verwijderen`, '/instellingen/berichten', '/instellingen/schuldhulp'],
      };
      const problems: string[] = [];
      for (const [email, paths] of Object.entries(pages)) {
        const s = await webLogin(p, email);
        for (const path of paths) {
          for (const lang of ['nl', 'en']) {
            const page = await s.get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
            assert.equal(page.status, 200, path);
            const titles = visibleTitles(page.html);
            const twice = titles.filter((x, i) => titles.indexOf(x) !== i);
            if (twice.length) problems.push(`${path} (${lang}): ${twice.join(' | ')}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}
