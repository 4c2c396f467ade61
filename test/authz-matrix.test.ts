import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ENGINES } from './helpers/engines.ts';
import { CSV_HEADER, rentCsvRow, rentSignal, startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { buildRequest, type Json, type OpenApiDoc } from './authz/openapi-requests.ts';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { hashSessionToken } from '../src/app/auth/authenticate.ts';
import { generateApiKeySecret } from '../src/app/auth/api-key-format.ts';
import { hashPassword } from '../src/app/auth/passwords.ts';
import { insertApiKey } from '../src/db/repositories/api-keys.ts';
import { insertUser } from '../src/db/repositories/users.ts';
import { PERMISSIONS, ROLES, permissionsOf, type Permission, type Role } from '../src/domain/access/roles.ts';
import { signalsWithState } from '../src/db/repositories/signal-state.ts';

/**
 * The authorisation matrix: every principal (each role, and API keys) × every /v1 operation in the
 * served OpenAPI document × own and other organisation. New endpoints are picked up from the
 * document. A leak is: a response that carries another organisation's data, a change to another
 * organisation's records, an endpoint answering without authentication, or an endpoint whose set
 * of admitted principals is not exactly the holders of one permission (a forgotten check).
 */

/** Reachable without credentials by design. Everything else must answer 401 to anonymous callers. */
const PUBLIC = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /templates/signals.csv',
  'GET /templates/signals-columns',
  // Logging out ends the caller's own session, if any; without one it is a no-op.
  'DELETE /sessions/current',
]);
/** For any logged-in user (their own session), whatever the role. */
const ANY_SESSION = new Set(['GET /sessions/current']);
/** Web pages for any logged-in person, whatever the role: the start page and their own account (second factor, sessions). */
const WEB_ANY_SESSION = new Set(['/', '/mijn-account', '/mijn-account/tweestapsverificatie']);

type OrgSide = 'A' | 'B';
interface Org {
  id: string;
  kind: 'creditor' | 'municipality' | 'ministry' | 'operator';
}
const ORGS: Record<string, Record<OrgSide, Org>> = {
  creditor: { A: { id: 'demo-woningcorporatie', kind: 'creditor' }, B: { id: 'demo-energieleverancier', kind: 'creditor' } },
  municipality: { A: { id: 'GM0363', kind: 'municipality' }, B: { id: 'GM0599', kind: 'municipality' } },
  ministry: { A: { id: 'szw', kind: 'ministry' }, B: { id: 'szw', kind: 'ministry' } },
  operator: { A: { id: 'platform-beheer', kind: 'operator' }, B: { id: 'platform-beheer', kind: 'operator' } },
};
const KIND_OF_ROLE: Record<Role, keyof typeof ORGS> = {
  sender: 'creditor',
  sender_admin: 'creditor',
  municipal_worker: 'municipality',
  municipal_coordinator: 'municipality',
  municipal_admin: 'municipality',
  municipal_privacy_officer: 'municipality',
  municipal_auditor: 'municipality',
  ministry_evaluator: 'ministry',
  ministry_admin: 'ministry',
  operator_admin: 'operator',
  operator_data_supplier: 'operator',
  operator_auditor: 'operator',
};

interface Principal {
  name: string;
  org: Org;
  permissions: ReadonlySet<Permission>;
  /** Headers for one request (a fresh session each time: one principal may log itself out). */
  auth(): Promise<Record<string, string>>;
  session: boolean;
}

/** What one organisation owns, and the marker strings that must never reach anyone else. */
interface Fixture {
  hints: Record<string, Json>;
  markers: string[];
  /** Organisations allowed to see these markers. */
  visibleTo: Set<string>;
}

for (const engine of ENGINES) {
  describe(`authorisation matrix (${engine.name})`, () => {
    let p: TestPlatform;
    let doc: OpenApiDoc;
    const principals: Principal[] = [];
    const fixtures = new Map<string, Fixture>();

    const request = async (who: Principal | null, r: ReturnType<typeof buildRequest>) => {
      const headers: Record<string, string> = { ...(who ? await who.auth() : {}), ...(r.contentType ? { 'content-type': r.contentType } : {}) };
      const res = await fetch(`${p.url}${r.path}`, { method: r.method, headers, ...(r.body !== undefined ? { body: r.body } : {}) });
      const text = await res.text();
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        /* not JSON */
      }
      return { status: res.status, text, code };
    };
    const operations = () =>
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })));
    const csv = () => [CSV_HEADER, rentCsvRow(`authz-csv-${randomBytes(4).toString('hex')}`)].join('\n');
    const hintsFor = (org: Org): Record<string, Json> => ({
      bsn: '111222333',
      postcode: '1012LG',
      houseNumber: '1',
      password: 'een-lang-wachtwoord-123',
      grant_type: 'client_credentials',
      signalType: 'rent',
      municipalityCode: org.kind === 'municipality' ? org.id : 'GM0363',
      from: '2025-01-01',
      to: '2025-12-31',
      ...(fixtures.get(org.id)?.hints ?? {}),
    });
    // What the caller itself sent (an id in the path, echoed in a problem's `instance`) is no leak.
    const leakIn = (who: Principal | null, text: string, sent: ReturnType<typeof buildRequest>): string | undefined => {
      for (const [owner, f] of fixtures) {
        if (who && f.visibleTo.has(who.org.id)) continue;
        const hit = f.markers.find((m) => text.includes(m) && !sent.path.includes(m) && !(sent.body ?? '').includes(m));
        if (hit) return `${owner}'s ${hit}`;
      }
      return undefined;
    };

    before(async () => {
      p = await startTestPlatform(engine);
      doc = (await (await fetch(`${p.url}/v1/openapi.json`)).json()) as OpenApiDoc;
      const passwordHash = await hashPassword('een-lang-wachtwoord-123');

      // Each side's data: a signal creditor A sent to municipality A (and B to B), matched into a case,
      // a batch, a spare API key and a user — with markers that must stay on their side.
      for (const side of ['A', 'B'] as const) {
        const creditor = ORGS.creditor![side];
        const municipality = ORGS.municipality![side];
        const tag = `Authz${side === 'A' ? 'alpha' : 'beta'}${randomBytes(3).toString('hex')}`;
        const postcode = side === 'A' ? '1017AA' : '3011AA';
        const [out] = await submitSignals(p.deps, systemContext(creditor.id, 'authz'), [rentSignal(`${tag}-ref`, { signalType: side === 'A' ? 'rent' : 'gas', municipalityCode: municipality.id, person: { surname: tag }, address: { street: `${tag}straat`, houseNumber: '9', postcode, city: 'X' }, email: `${tag}@example.org` })], { dryRun: false });
        assert.equal(out!.outcome, 'accepted', JSON.stringify(out!.refusals));
        await matchMunicipality(p.deps, systemContext(municipality.id, 'authz', 'job'), municipality.id);
        const signal = await signalsWithState(p.deps.db).select(['signals.id', 'signal_states.case_id']).where('signals.id', '=', out!.signalId!).executeTakeFirstOrThrow();
        const batch = await p.deps.db.insertInto('batches').values({ organisation_id: creditor.id, filename: `${tag}.csv`, format: 'csv', status: 'completed', created_by: 'authz' }).returning('id').executeTakeFirstOrThrow();
        for (const org of [creditor, municipality]) {
          const k = generateApiKeySecret();
          const keyId = await insertApiKey(p.deps.db, { organisationId: org.id, name: `${tag}-spare`, prefix: k.prefix, secretHash: k.secretHash, scopes: org.kind === 'creditor' ? ['signals:read-own'] : ['ddas:export'], createdBy: null });
          const userId = await insertUser(p.deps.db, { organisationId: org.id, email: `${tag.toLowerCase()}-${org.kind}@example.org`, displayName: `${tag} user`, passwordHash, roles: [org.kind === 'creditor' ? 'sender' : 'municipal_worker'] });
          fixtures.set(org.id, {
            hints: {
              signalId: String(signal.id),
              signalIds: [String(signal.id)],
              apiKeyId: keyId,
              userId: String(userId),
              ...(org.kind === 'creditor' ? { batchId: batch.id, reference: `${tag}-ref` } : { caseId: String(signal.case_id) }),
            },
            markers: [tag, keyId, ...(org.kind === 'creditor' ? [batch.id] : [])],
            visibleTo: new Set([creditor.id, municipality.id]),
          });
        }
      }

      // Principals: a user for every role on both sides, and API keys with every scope.
      for (const role of Object.keys(ROLES) as Role[]) {
        for (const side of ['A', 'B'] as const) {
          const org = ORGS[KIND_OF_ROLE[role]]![side];
          if (side === 'B' && org === ORGS[KIND_OF_ROLE[role]]!.A) continue;
          const userId = await insertUser(p.deps.db, { organisationId: org.id, email: `authz-${role}-${side}@example.org`, displayName: `authz ${role}`, passwordHash, roles: [role] });
          principals.push({
            name: `${role}@${org.id}`,
            org,
            permissions: permissionsOf([role]),
            session: true,
            async auth() {
              const token = randomBytes(24).toString('base64url');
              const csrf = randomBytes(16).toString('hex');
              await p.deps.db.insertInto('sessions').values({ token_hash: hashSessionToken(token), user_id: String(userId), csrf_token: csrf, expires_at: new Date(Date.now() + 3600_000) }).execute();
              return { cookie: `vs_session=${token}`, 'x-csrf-token': csrf };
            },
          });
        }
      }
      for (const kind of ['creditor', 'municipality'] as const)
        for (const side of ['A', 'B'] as const) {
          const org = ORGS[kind]![side];
          const scopes: Permission[] = kind === 'creditor' ? ['signals:submit', 'signals:read-own', 'batches:manage'] : ['ddas:export'];
          const k = generateApiKeySecret();
          await insertApiKey(p.deps.db, { organisationId: org.id, name: 'authz', prefix: k.prefix, secretHash: k.secretHash, scopes, createdBy: null });
          principals.push({ name: `key[${scopes.join(',')}]@${org.id}`, org, permissions: new Set(scopes), session: false, auth: async () => ({ authorization: `Bearer ${k.token}` }) });
        }
    });
    after(async () => p.close());

    it('serves an OpenAPI document that lists the /v1 operations', () => {
      assert.ok(operations().length >= 20, `only ${operations().length} operations`);
    });

    it('answers 401 to anonymous callers on every operation not declared public, and leaks nothing', async () => {
      const problems: string[] = [];
      for (const { key, path, method, op } of operations()) {
        const declaredPublic = Array.isArray(op.security) && op.security.length === 0;
        const req = buildRequest(doc, path, method, op, hintsFor(ORGS.creditor!.A), csv);
        const r = await request(null, req);
        const leak = leakIn(null, r.text, req);
        if (leak) problems.push(`${key}: anonymous response holds ${leak}`);
        if (declaredPublic || PUBLIC.has(key)) continue;
        if (r.status === 400 && r.code === 'INVALID_INPUT') problems.push(`${key}: could not build a valid request (${r.text.slice(0, 200)}); add a hint in test/authz`);
        else if (r.status !== 401) problems.push(`${key}: anonymous got ${r.status}`);
      }
      assert.deepEqual(problems, []);
    });

    it("never shows or changes another organisation's records", async () => {
      // Records that existed before; rows the principals legitimately create in their own organisation are not compared.
      const snapshot = async () =>
        [
          await sql<{ id: string }>`select s.id, st.status, st.case_id, s.surname, s.email, s.postcode, s.bsn from signals s left join signal_states st on st.signal_id = s.id order by s.id`.execute(p.deps.db),
          await sql<{ id: string }>`select id, revoked_at, expires_at, replaced_by, scopes from api_keys order by id`.execute(p.deps.db),
          await sql<{ id: string }>`select id, roles, disabled_at, email, display_name from users order by id`.execute(p.deps.db),
          await sql<{ id: string }>`select id, status from batches order by id`.execute(p.deps.db),
          await sql<{ id: string }>`select id, status, signal_count, bsn_pseudonym from cases order by id`.execute(p.deps.db),
          await sql<{ id: string }>`select municipality_code as id, unpicked_signal_months, case_months_after_closing from retention_settings order by 1`.execute(p.deps.db),
        ].map((r, t) => new Map(r.rows.map((row) => [`${t}:${row.id}`, JSON.stringify(row)])));
      const before = await snapshot();
      const problems: string[] = [];
      let requests = 0;
      for (const who of principals) {
        // The other side of the same kind; ministries and the operator own no such records: both sides are "other".
        const others = who.org.kind === 'creditor' || who.org.kind === 'municipality'
          ? [ORGS[who.org.kind]![who.org.id === ORGS[who.org.kind]!.A.id ? 'B' : 'A']]
          : [ORGS.creditor!.A, ORGS.municipality!.B];
        for (const other of others)
          for (const { key, path, method, op } of operations()) {
            const req = buildRequest(doc, path, method, op, { ...hintsFor(who.org), ...fixtures.get(other.id)!.hints }, csv);
            const r = await request(who, req);
            requests++;
            const leak = leakIn(who, r.text, req);
            if (leak) problems.push(`${who.name} ${key} (${other.id}'s ids): response holds ${leak}`);
            const targetsOther = (op.parameters ?? []).some((x) => x.in === 'path' && x.name in fixtures.get(other.id)!.hints);
            if (targetsOther && r.status >= 200 && r.status < 300) problems.push(`${who.name} ${key} on ${other.id}'s record answered ${r.status}`);
          }
      }
      const after = await snapshot();
      for (const [t, rows] of before.entries())
        for (const [id, row] of rows) if (after[t]!.get(id) !== row) problems.push(`record ${id} changed: ${row} → ${after[t]!.get(id) ?? 'deleted'}`);
      assert.deepEqual(problems, []);
      assert.ok(requests > 0);
    });

    it('meets the same checks on every spelling of an operation\'s path: anonymous 401, a session cookie without its CSRF token 403', async () => {
      const problems: string[] = [];
      const cookieOnly = principals.find((x) => x.name === `municipal_admin@${ORGS.municipality!.A.id}`)!;
      for (const { key, path, method, op } of operations()) {
        const declaredPublic = Array.isArray(op.security) && op.security.length === 0;
        const req = buildRequest(doc, path, method, op, hintsFor(ORGS.municipality!.A), csv);
        for (const variant of pathVariants(req.path)) {
          const r = { ...req, path: variant };
          if (!declaredPublic && !PUBLIC.has(key)) {
            const anon = await request(null, r);
            if (anon.status !== 401) problems.push(`${key} as ${variant}: anonymous got ${anon.status}`);
          }
          if (method === 'get') continue;
          const { 'x-csrf-token': _csrf, ...cookie } = await cookieOnly.auth();
          const res = await fetch(`${p.url}${variant}`, { method: r.method, headers: { ...cookie, ...(r.contentType ? { 'content-type': r.contentType } : {}) }, ...(r.body !== undefined ? { body: r.body } : {}) });
          const body = await res.text();
          if (key === 'POST /sessions' || key === 'POST /oauth/token') continue; // log-ins: no session to forge with
          if (res.status !== 403 || !body.includes('CSRF')) problems.push(`${key} as ${variant}: a cookie without CSRF token got ${res.status}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('guards every web page: anonymous callers to the login page, no other organisation\'s data, every role only its pages, forms only with the CSRF token — on any spelling', async (t) => {
      const pages = p.app.registeredRoutes.filter((r) => (r.method === 'GET' || r.method === 'POST') && !r.url.startsWith('/v1/') && !r.url.startsWith('/assets/') && r.url !== '/metrics');
      assert.ok(pages.length >= 40, `only ${pages.length} web routes`);
      const experiment = await p.deps.db.selectFrom('experiments').select('id').executeTakeFirstOrThrow();
      const fill = (url: string, h: Record<string, Json>) =>
        url.replace(/:(\w+)/g, (_, name: string) => {
          const v = { caseId: h.caseId, id: url.startsWith('/aanleveren') ? h.batchId : url.startsWith('/signalen') ? h.signalId : url.startsWith('/gebruikers') ? h.userId : url.startsWith('/experimenten') || url.startsWith('/dashboard') ? experiment.id : '1', row: '1', code: 'RESIDENT_OBJECTED' }[name];
          return encodeURIComponent(String(v ?? '1'));
        });
      const web = async (who: Principal | null, method: string, path: string, csrf: boolean) => {
        const auth = who ? await who.auth() : {};
        const headers: Record<string, string> = { ...(auth.cookie ? { cookie: auth.cookie } : {}), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
        const form = new URLSearchParams(csrf && auth['x-csrf-token'] ? { _csrf: auth['x-csrf-token'] } : {});
        const res = await fetch(`${p.url}${path}`, { method, headers, redirect: 'manual', ...(method === 'POST' ? { body: form.toString() } : {}) });
        return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
      };
      const toLogin = (r: { status: number; location: string }) => r.status === 303 && r.location.startsWith('/inloggen');
      const problems: string[] = [];
      const matrix: string[] = [];
      for (const page of pages) {
        const key = `${page.method} ${page.url}`;
        // Anonymous, on the page's own spelling and with its first letter percent-encoded.
        if (!page.public)
          for (const path of [fill(page.url, hintsFor(ORGS.municipality!.A)), encodeFirst(fill(page.url, hintsFor(ORGS.municipality!.A)))]) {
            const r = await web(null, page.method, path, false);
            if (!toLogin(r)) problems.push(`${key} as ${path}: anonymous got ${r.status} ${r.location}`);
          }
        const admitted = new Set<string>();
        for (const who of principals.filter((x) => x.session)) {
          // Another organisation's ids: never its data, never a change.
          const other = who.org.kind === 'creditor' || who.org.kind === 'municipality' ? ORGS[who.org.kind]![who.org.id === ORGS[who.org.kind]!.A.id ? 'B' : 'A'] : ORGS.municipality!.B;
          const foreignPath = fill(page.url, { ...hintsFor(who.org), ...fixtures.get(other.id)!.hints });
          if (page.method === 'GET') {
            const foreign = await web(who, 'GET', foreignPath, false);
            const leak = leakIn(who, foreign.text, { method: 'GET', path: foreignPath });
            if (leak) problems.push(`${who.name} ${key} (${other.id}'s ids): page holds ${leak}`);
            if (foreign.status >= 500) problems.push(`${who.name} ${key}: ${foreign.status}`);
            const own = await web(who, 'GET', fill(page.url, hintsFor(who.org)), false);
            if (own.status >= 500) problems.push(`${who.name} ${key}: ${own.status}`);
            if (own.status !== 403 && !toLogin(own)) admitted.add(who.name);
          } else if (!page.public) {
            // A form posted without the session's token is refused, on any spelling of its path.
            for (const path of [foreignPath, encodeFirst(foreignPath)]) {
              const r = await web(who, 'POST', path, false);
              if (r.status !== 403) problems.push(`${who.name} ${key} as ${path} without CSRF token: ${r.status}`);
            }
          }
        }
        if (page.method !== 'GET' || page.public) continue;
        if (WEB_ANY_SESSION.has(page.url)) {
          matrix.push(`${key}: any session`);
          continue;
        }
        const rule = explain(admitted, principals.filter((x) => x.session));
        if (!rule) problems.push(`${key}: admitted {${[...admitted].join(', ')}} — no permission rule explains that set`);
        else matrix.push(`${key}: ${rule}`);
      }
      for (const line of matrix) t.diagnostic(line);
      assert.deepEqual(problems, []);
    });

    it('admits to each operation exactly the principals its permission rule names, in their own organisation', async (t) => {
      const admitted = new Map<string, Set<string>>();
      const problems: string[] = [];
      // Reads first, so the writes (revoking, rotating, objecting) cannot hide what a read would show.
      const ops = operations().sort((a, b) => Number(a.method !== 'get') - Number(b.method !== 'get'));
      for (const { key, path, method, op } of ops) {
        if ((Array.isArray(op.security) && op.security.length === 0) || PUBLIC.has(key)) continue;
        const set = new Set<string>();
        let invalidForAll = true;
        for (const who of principals) {
          const req = buildRequest(doc, path, method, op, hintsFor(who.org), csv);
          const r = await request(who, req);
          const leak = leakIn(who, r.text, req);
          if (leak) problems.push(`${who.name} ${key}: response holds ${leak}`);
          if (r.status >= 500) problems.push(`${who.name} ${key}: ${r.status}`);
          if (!(r.status === 400 && r.code === 'INVALID_INPUT')) invalidForAll = false;
          // A 400 after some callers got 403 comes from the handler, past the permission check.
          if (r.status !== 401 && r.status !== 403) set.add(who.name);
        }
        if (invalidForAll) problems.push(`${key}: every caller got 400 — the generated request is invalid; add a hint in test/authz`);
        admitted.set(key, set);
      }
      const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
      const matrix: string[] = [];
      for (const [key, set] of admitted) {
        if (ANY_SESSION.has(key)) {
          const sessions = new Set(principals.filter((x) => x.session).map((x) => x.name));
          if (!same(set, sessions)) problems.push(`${key}: admitted ${[...set].join(', ')}; expected every logged-in user`);
          matrix.push(`${key}: any session`);
          continue;
        }
        const rule = explain(set, principals);
        if (!rule) problems.push(`${key}: admitted {${[...set].join(', ')}} — no permission rule explains that set: a check is missing or wrong`);
        else matrix.push(`${key}: ${rule}`);
      }
      for (const line of matrix) t.diagnostic(line);
      assert.deepEqual(problems, []);
      assert.equal(matrix.length, admitted.size);
    });
  });
}

/** The spellings of a path that reach the same route: the API's `/v1` and the first letter of a segment percent-encoded. */
function pathVariants(path: string): string[] {
  const [p, q] = path.split('?');
  const suffix = q ? `?${q}` : '';
  const rest = p!.slice('/v1/'.length);
  return [`/%761/${rest}`, `/v%31/${rest}`, `/v1/${encodeFirst(`/${rest}`).slice(1)}`].map((x) => x + suffix);
}

/** The path with its first letter percent-encoded (`/werklijst` → `/%77erklijst`). */
function encodeFirst(path: string): string {
  const i = path.search(/[a-z]/i);
  return i < 0 ? path : `${path.slice(0, i)}%${path.charCodeAt(i).toString(16)}${path.slice(i + 1)}`;
}

/**
 * The simplest permission rule that admits exactly `set`: one permission, two alternatives, or an
 * alternative of (at most) two permissions required together. A handler without a check admits
 * principals that share no permission, which no such rule explains.
 */
function explain(set: ReadonlySet<string>, principals: readonly Principal[]): string | undefined {
  const terms: Permission[][] = [...PERMISSIONS.map((p) => [p]), ...PERMISSIONS.flatMap((p, i) => PERMISSIONS.slice(i + 1).map((q) => [p, q]))];
  const admits = (rule: Permission[][]) => (who: Principal) => rule.some((term) => term.every((perm) => who.permissions.has(perm)));
  const fits = (rule: Permission[][]) => principals.every((who) => admits(rule)(who) === set.has(who.name));
  const show = (rule: Permission[][]) => rule.map((term) => term.join(' & ')).join(' | ');
  for (const a of terms) if (fits([a])) return show([a]);
  for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) if (fits([terms[i]!, terms[j]!])) return show([terms[i]!, terms[j]!]);
  return undefined;
}
