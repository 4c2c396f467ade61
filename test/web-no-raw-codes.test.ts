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
import { ROLES, type Role } from '../src/domain/access/roles.ts';
import { DIMENSIONS } from '../src/domain/evaluation/tables.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import { hashPassword } from '../src/app/auth/passwords.ts';
import { insertUser } from '../src/db/repositories/users.ts';
import { CSV_HEADER, rentCsvRow } from './helpers/platform.ts';

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
    const found = (labelled: string) => {
      // A code labelled as such ("code rent", "Code: RESIDENT_OBJECTED") is shown on purpose, next to its name.
      const text = labelled.replace(/\bcode:?\s+["“]?[\w.-]+/gi, ' ');
      return [
        ...codes().filter((c) => new RegExp(`(^|[^\\w/.-])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w/-])`).test(text)),
        // Any SHOUTING_SNAKE or snake_case identifier is a code, whatever its list.
        ...(text.match(/\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b[a-z]+(?:_[a-z]+)+\b/g) ?? []),
      ].filter((c, i, all) => all.indexOf(c) === i);
    };

    /** The codes a page shows a Dutch reader, or undefined when it is no HTML page for this user (refused, redirected, a file). */
    async function codesOn(get: (path: string) => Promise<{ status: number; html: string; type?: string }>, path: string): Promise<string[] | undefined> {
      const page = await get(path);
      if (page.status >= 500) return [`answers ${page.status}`];
      if (page.status !== 200 || !/^\s*<!doctype html/i.test(page.html)) return undefined;
      return found(visibleText(page.html));
    }

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

    /**
     * Pages that show a code on purpose, labelled as such, and so are not read here:
     * - /regels lists each signal type's name and, labelled "Code", the value a sender's file uses;
     * - /wat-mag-ik-aanleveren (and its refusal pages) names the file's columns and values a sender
     *   must write ("signal_type: rent") and each refusal's code as the API answers it;
     * - /aanleveren/kolommen is the sender's file specification: every column name and code value.
     */
    const ON_PURPOSE = (path: string) => path === '/regels' || path.startsWith('/wat-mag-ik-aanleveren') || path === '/aanleveren/kolommen';
    /** Codes a page names on purpose, per route, where the page is otherwise read. */
    const NAMED_ON_PURPOSE: Record<string, (code: string) => boolean> = {
      // The upload's CSV columns, which the sender's file must carry under these names.
      '/herinneringscodes': (c) => ['house_number', 'period_end', 'postcode', 'reference'].includes(c),
      // The identity provider's settings: its role map assigns the platform's role codes, its client authentication is an OpenID Connect term.
      '/eenmalig-inloggen': (c) => c in ROLES || c === 'private_key_jwt',
      // The field takes the rule data's code of a signal type; its help gives an example code.
      '/experimenten/:id/bewerken': (c) => p.deps.rules.signalTypes().some((t) => t.signalType === c),
      // Each definition names its field in the DDAS exchange model (e.g. Vroegsignaalzaak.datum_opgepakt).
      '/dashboard/begrippen': (c) => /^[a-z]+(_[a-z]+)+$/.test(c),
    };
    /** Routes that are no page to read: files, redirects to another site, the log-in steps and the theme's assets. */
    const NOT_A_PAGE = (url: string) =>
      /\.(csv|xlsx|pdf|css)$/.test(url) ||
      url.startsWith('/assets/') ||
      url.startsWith('/thema/') ||
      url.startsWith('/sso/') ||
      url.startsWith('/mijn-signaal/digid') || // DigiD: a redirect to the identity provider and back
      url === '/metrics' ||
      url === '/experimenten/:id/documenten/:docId' || // an uploaded document (PDF)
      ['/inloggen/code', '/inloggen/instellen', '/wachtwoord-herstellen', '/uitnodiging'].includes(url); // steps reached only with a token of their own

    it('shows words, not codes, on every web page, to every role that can open it', async () => {
      // A user for every role, as the demo seeds most of them.
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const orgOf: Record<string, string> = { creditor: 'demo-woningcorporatie', municipality: 'GM0363', ministry: 'szw', operator: 'platform-beheer' };
      const kindOf = (role: Role) => (role.startsWith('sender') ? 'creditor' : role.startsWith('municipal') ? 'municipality' : role.startsWith('ministry') ? 'ministry' : 'operator');
      const users: string[] = [];
      for (const role of Object.keys(ROLES) as Role[]) {
        const seeded = (await sql<{ email: string }>`select email from users where ${role} = any(roles) and organisation_id = ${orgOf[kindOf(role)]!} order by id limit 1`.execute(p.deps.db)).rows[0];
        if (seeded) users.push(seeded.email);
        else {
          const email = `nocodes-${role.replace(/_/g, "-")}@example.org`;
          await insertUser(p.deps.db, { organisationId: orgOf[kindOf(role)]!, email, displayName: `Testgebruiker ${users.length + 1}`, passwordHash, roles: [role] });
          users.push(email);
        }
      }

      // A batch with a refused row and the landlord's signals, for the creditor's pages.
      const landlord = await webLogin(p, LANDLORD);
      const upload = await p.app.inject({ method: 'POST', url: '/v1/batches?filename=codes.csv', headers: { cookie: landlord.cookie, 'content-type': 'text/csv', 'x-csrf-token': landlord.csrf }, payload: [CSV_HEADER, rentCsvRow('NOCODES-1'), rentCsvRow('NOCODES-2', { postcode: '12' })].join('\n') });
      assert.equal(upload.statusCode, 201, upload.body);
      const batch = (upload.json() as { id: string }).id;
      for (let i = 0; i < 100 && (await p.deps.db.selectFrom('batches').select('status').where('id', '=', batch).executeTakeFirstOrThrow()).status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50));

      const ids = async (query: ReturnType<typeof sql<{ id: string }>>) => (await query.execute(p.deps.db)).rows.map((r) => String(r.id));
      const values: Record<string, string[]> = {
        caseId: [
          ...(await ids(sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status <> 'closed' order by crisis desc, id limit 2`)),
          ...(await ids(sql<{ id: string }>`select id::text from cases where municipality_code = 'GM0363' and status = 'closed' limit 1`)),
          ...(await ids(sql<{ id: string }>`select s.case_id::text as id from signal_states s join signals g on g.id = s.signal_id join cases c on c.id = s.case_id where c.municipality_code = 'GM0363' and g.components is not null limit 1`)),
        ],
        experiment: await ids(sql<{ id: string }>`select id from experiments order by id`),
        queueRule: await ids(sql<{ id: string }>`select id::text from worklist_rules order by id limit 2`),
        queue: await ids(sql<{ id: string }>`select id::text from worklist_queues order by id limit 2`),
        user: await ids(sql<{ id: string }>`select distinct on (organisation_id) id::text from users where organisation_id in ('GM0363', 'demo-woningcorporatie', 'szw', 'platform-beheer') order by organisation_id, id`),
        batch: [batch],
        row: ['1', '2'],
        signal: await ids(sql<{ id: string }>`select id::text from signals where sender_org_id = 'demo-woningcorporatie' order by id desc limit 3`),
      };
      const valuesOf = (url: string, name: string): string[] => {
        if (name === 'caseId') return values.caseId!;
        if (name === 'row') return values.row!;
        if (name === 'code') return ['RESIDENT_OBJECTED'];
        if (url.startsWith('/experimenten/')) return values.experiment!;
        if (url.startsWith('/afwegingskader/regels/')) return values.queueRule!;
        if (url.startsWith('/afwegingskader/werkbakjes/')) return values.queue!;
        if (url.startsWith('/gebruikers/')) return values.user!;
        if (url.startsWith('/aanleveren/batches/')) return values.batch!;
        if (url.startsWith('/signalen/')) return values.signal!;
        throw new Error(`no value for :${name} in ${url}: add one to this test`);
      };
      const fill = (url: string): string[] => {
        const m = /:(\w+)/.exec(url);
        if (!m) return [url];
        return valuesOf(url, m[1]!).flatMap((v) => fill(url.replace(`:${m[1]}`, encodeURIComponent(v))));
      };
      /** Views of a page that only a query opens: the dashboard's breakdowns and experiments, the archive's results, a message per channel, the capacity over a period. */
      const VARIANTS: Record<string, string[]> = {
        '/dashboard': [...DIMENSIONS.map((d) => `/dashboard?groupBy=${d}`), ...values.experiment!.map((e) => `/dashboard?experiment=${e}`)],
        '/dashboard/groepen': values.experiment!.map((e) => `/dashboard/groepen?experiment=${e}`),
        '/dashboard/kosten': values.experiment!.map((e) => `/dashboard/kosten?experiment=${e}`),
        '/archief': ['/archief?from=2020-01-01&to=2030-12-31'],
        '/capaciteit': ['/capaciteit?from=2020-01-01&to=2030-12-31'],
        '/zaken/:caseId/bericht': ['email', 'sms'].flatMap((k) => fill('/zaken/:caseId/bericht').map((x) => `${x}?kanaal=${k}`)),
        '/instellingen/berichten': ['/instellingen/berichten?kanaal=email', '/instellingen/berichten?kanaal=sms'],
        '/aanleveren/batches/:id': [`/aanleveren/batches/${batch}?uitkomst=refused`],
      };

      const routes = p.app.registeredRoutes.filter((r) => r.method === 'GET' && !r.url.startsWith('/v1/') && !NOT_A_PAGE(r.url));
      assert.ok(routes.length >= 50, `only ${routes.length} pages`);
      const sessions = await Promise.all(users.map(async (email) => ({ email, s: await webLogin(p, email) })));
      const problems: string[] = [];
      const unread: string[] = [];
      let read = 0;
      for (const route of routes) {
        const paths = [...fill(route.url), ...(VARIANTS[route.url] ?? [])];
        let opened = false;
        for (const path of paths) {
          if (ON_PURPOSE(path)) {
            opened = true;
            continue;
          }
          const viewers = route.public ? [{ email: 'anonymous', s: { get: async (x: string) => { const r = await p.app.inject({ method: 'GET', url: x }); return { status: r.statusCode, html: r.body }; } } }] : sessions;
          for (const { email, s } of viewers) {
            const hits = await codesOn((x) => s.get(x), path);
            if (!hits) continue;
            opened = true;
            read++;
            const shown = hits.filter((c) => !NAMED_ON_PURPOSE[route.url]?.(c));
            if (shown.length) problems.push(`${path} (${email}): ${shown.join(', ')}`);
          }
        }
        if (!opened) unread.push(route.url);
      }
      assert.deepEqual(unread, [], 'every page opens for some role');
      assert.deepEqual(problems, []);
      assert.ok(read >= routes.length);
    });

    it("shows words, not codes, on the resident's page, before and after opening a reminder", async () => {
      const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const issued = await fetch(`${p.url}/v1/reminder-codes`, { method: 'POST', headers: { authorization: `Bearer ${p.keyOf('demo-woningcorporatie')}`, 'content-type': 'application/json' }, body: JSON.stringify({ reminders: [{ reference: 'NOCODES-R', postcode: '1012LG', houseNumber: '7', expiresOn }] }) });
      assert.equal(issued.status, 201);
      const code = ((await issued.json()) as { codes: Array<{ code: string }> }).codes[0]!.code;
      const start = await p.app.inject({ method: 'GET', url: '/mijn-signaal' });
      assert.equal(start.statusCode, 200);
      assert.deepEqual(found(visibleText(start.body)), []);
      const cookie = start.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const form = /name="_form" value="([^"]+)"/.exec(start.body)![1]!;
      const opened = await p.app.inject({ method: 'POST', url: '/mijn-signaal', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _form: form, code, postcode: '1012 LG', houseNumber: '7' }).toString() });
      assert.equal(opened.statusCode, 200, opened.body.slice(0, 500));
      assert.match(opened.body, /name="keuze"/, 'the reminder is open');
      assert.deepEqual(found(visibleText(opened.body)), []);
    });

    // Not /wat-mag-ik-aanleveren: it names the file's columns and values on purpose ("signal_type: rent").
    it('shows words, not codes, to a creditor', async () => {
      await assertNoCodes(LANDLORD, ['/signalen']);
    });
  });
}