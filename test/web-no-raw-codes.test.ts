import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { CASE_STATUSES } from '../src/domain/cases/case-status.ts';
import { APPROACHES } from '../src/domain/worklist/ddas.ts';
import { DATA_CATEGORIES } from '../src/domain/signals/signal.ts';

const WORKER = 'medewerker@amsterdam.demo';
const COORDINATOR = 'coordinator@amsterdam.demo';
const LANDLORD = 'aanlevering@demo-woningcorporatie.demo';

/** The text a reader sees: scripts, styles and tags (with their attribute values) taken out, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

for (const engine of ENGINES) {
  describe(`web: no raw codes in the Dutch interface (${engine.name})`, () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 60);
    });
    after(async () => {
      await p.close();
    });

    /** Codes the platform uses internally that must never reach a Dutch reader as such. */
    const codes = () => {
      const words = new Set<string>([
        ...p.deps.rules.signalTypes().map((t) => t.signalType).filter((t) => t !== 'gas'), // "gas" is Dutch as well
        ...CASE_STATUSES.filter((s) => s !== 'open'), // "open" is a Dutch word as well
        ...APPROACHES,
        ...DATA_CATEGORIES,
        'RESIDENT_OBJECTED',
      ]);
      return [...words];
    };
    /** A code standing alone (not part of a longer word or a path). */
    const found = (text: string) =>
      [
        ...codes().filter((c) => new RegExp(`(^|[^\\w/.-])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w/-])`).test(text)),
        // Any SHOUTING_SNAKE or snake_case identifier is a code, whatever its list.
        ...(text.match(/\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b[a-z]+(?:_[a-z]+)+\b/g) ?? []),
      ].filter((c, i, all) => all.indexOf(c) === i);

    async function assertNoCodes(email: string, paths: string[]) {
      const s = await webLogin(p, email);
      const problems: string[] = [];
      for (const path of paths) {
        const page = await s.get(path);
        assert.equal(page.status, 200, `${path} answers`);
        const hits = found(visibleText(page.html));
        if (hits.length) problems.push(`${path}: ${hits.join(', ')}`);
      }
      assert.deepEqual(problems, []);
    }

    // Not /regels: it lists each signal type's name and, labelled "Code", the value a sender's file uses.
    it('shows words, not codes, on the worklist, case pages, archive, capacity, queue rules and dashboard', async () => {
      const cases = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' order by crisis desc, id limit 4`.execute(p.deps.db)).rows.map((r) => `/zaken/${r.id}`);
      const withBreakdown = (await sql<{ id: string }>`select s.case_id::text as id from signal_states s join signals g on g.id = s.signal_id join cases c on c.id = s.case_id where c.municipality_code = 'GM0363' and g.components is not null limit 1`.execute(p.deps.db)).rows.map((r) => `/zaken/${r.id}`);
      const closed = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status = 'closed' limit 1`.execute(p.deps.db)).rows.map((r) => `/zaken/${r.id}`);
      await assertNoCodes(WORKER, ['/werklijst', '/archief', ...cases, ...withBreakdown, ...closed]);
      await assertNoCodes(COORDINATOR, ['/werklijst', '/capaciteit', '/afwegingskader', '/werklijst/brieven', '/dashboard']);
    });

    it('shows words, not codes, on the casework pages: start page, archive results, messages, re-opening, hand-off and their settings', async () => {
      const open = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status <> 'closed' order by crisis desc, id limit 1`.execute(p.deps.db)).rows[0]!.id;
      // A case closed with a financial follow-up: the archive lists it, it can be re-opened and handed off.
      const closed = (await sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status <> 'closed' and id <> ${open} order by id desc limit 1`.execute(p.deps.db)).rows[0]!.id;
      await sql`update cases set status = 'closed', closed_at = now(), result = 'Vervolghulp en/of verwijzing financieel' where id = ${closed}`.execute(p.deps.db);
      const worker = ['/', `/archief?caseId=${closed}`, '/archief?from=2020-01-01&to=2030-12-31', `/zaken/${open}/bericht`, `/zaken/${open}/bericht?kanaal=email`, `/zaken/${open}/bericht?kanaal=sms`, `/zaken/${closed}`, `/zaken/${closed}/heropenen`, `/zaken/${closed}/overdracht`];
      await assertNoCodes(WORKER, worker);
      await assertNoCodes(COORDINATOR, ['/', '/instellingen/berichten', '/instellingen/berichten?kanaal=sms&taal=en', '/instellingen/schuldhulp', '/capaciteit?from=2020-01-01&to=2030-12-31']);
    });

    // Not /wat-mag-ik-aanleveren: it names the file's columns and values on purpose ("signal_type: rent").
    it('shows words, not codes, to a creditor', async () => {
      await assertNoCodes(LANDLORD, ['/signalen']);
    });
  });
}
