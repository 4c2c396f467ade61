import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import { hashSessionToken } from '../src/app/auth/authenticate.ts';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateApiKeySecret } from '../src/app/auth/api-key-format.ts';
import { insertApiKey } from '../src/db/repositories/api-keys.ts';
import { CSV_HEADER, rentCsvRow, rentSignal } from './helpers/platform.ts';
import { parse } from 'csv-parse/sync';
import { submitSignals } from '../src/app/intake/submit-signals.ts';
import { matchMunicipality } from '../src/app/matching/match-signals.ts';
import { systemContext } from '../src/app/auth/system-actor.ts';
import { signalsWithState } from '../src/db/repositories/signal-state.ts';

// Issue 17: the outside security review's attacks, each replayed against the platform. Every test
// here failed on the code the review saw (the attack succeeded); each now shows the refusal.
for (const engine of ENGINES) {
  describe(`security review, issue 17 (${engine.name})`, () => {
    let p: Platform;
    let drop: () => Promise<void>;
    let clock = new Date();
    const apiLogin = async (email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) => {
      const res = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
      const body = (await res.json()) as { csrfToken?: string; code?: string; title?: string; detail?: string; expiresAt?: string };
      return { status: res.status, body, headers: res.headers, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
    };
    const loginForm = async () => {
      const form = await fetch(`${p.url}/inloggen`);
      const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
      const token = /name="_login" value="([^"]+)"/.exec(await form.text())![1]!;
      return { cookie, token };
    };
    const webLoginPost = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
      const f = await loginForm();
      return fetch(`${p.url}/inloggen`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie, ...headers },
        body: new URLSearchParams({ _login: f.token, ...fields }).toString(),
      });
    };

    /** A session made in the database, as the login would (the login routes' own limits are under test here). */
    const sessionOf = async (email: string) => {
      const user = await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const token = randomBytes(24).toString('base64url');
      const csrf = randomBytes(16).toString('hex');
      await p.deps.db.insertInto('sessions').values({ token_hash: hashSessionToken(token), user_id: user.id, csrf_token: csrf, expires_at: new Date(clock.getTime() + 30 * 60_000) }).execute();
      return { cookie: `vs_session=${token}`, csrf };
    };

    before(async () => {
      const database = await engine.open();
      drop = database.drop;
      p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 1000, loginAttemptsPerMinute: 20, sessionTtlMinutes: 30, matchingIntervalMs: 0, now: () => clock });
    });
    after(async () => {
      await p.stop();
      await drop();
    });

    describe('2. open redirect after login', () => {
      it('sends the browser nowhere but this site, whatever `next` says, and never answers 500', async () => {
        for (const next of ['/\t/evil.example', '/\n/evil.example', '/\\evil.example', '//evil.example', '/\\/evil.example', 'https://evil.example/', '/%0a/x', '/a\r\nSet-Cookie: x=1']) {
          const r = await webLoginPost({ next, email: 'medewerker@amsterdam.demo', password: DEMO_PASSWORD });
          assert.equal(r.status, 303, JSON.stringify(next));
          const to = new URL(r.headers.get('location')!, p.url);
          assert.equal(to.origin, new URL(p.url).origin, `${JSON.stringify(next)} → ${r.headers.get('location')}`);
        }
        // The form itself carries only the normalised path (what the query gave: /%09/evil.example).
        const page = await (await fetch(`${p.url}/inloggen?next=/%09/evil.example`)).text();
        assert.match(page, /name="next" value="\/"/);
      });
    });

    describe('3. login brute force', () => {
      it('locks an account after five wrong passwords in a row, whatever address they come from, with a clear message', async () => {
        const email = 'coordinator@amsterdam.demo';
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await apiLogin(email, `fout-${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
        assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
        const locked = await apiLogin(email, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.77' });
        assert.equal(locked.status, 429, 'not even the right password while locked');
        assert.equal(locked.body.code, 'LOGIN_LOCKED');
        assert.match(locked.body.detail!, /Te veel mislukte inlogpogingen/);
        assert.ok(Number(locked.headers.get('retry-after')) > 0);
        const audit = await p.deps.db.selectFrom('audit_log').select('detail').where('activity', '=', 'session.login').where('outcome', '=', 'refused').execute();
        assert.ok(audit.some((a) => (a.detail as { reason?: string } | null)?.reason === 'locked'), 'the lock is in the audit trail');
        // The throttle's key is keyed: a known address cannot be checked against the table.
        const { createHash } = await import('node:crypto');
        const plain = createHash('sha256').update(email).digest('hex');
        const rows = await p.deps.db.selectFrom('login_throttle').select('account_hash').execute();
        assert.ok(rows.length > 0 && rows.every((r) => r.account_hash !== plain));
        clock = new Date(clock.getTime() + 16 * 60_000);
        assert.equal((await apiLogin(email)).status, 201, 'after the lock the right password works again');
        // A failure more than a day later forgets the others' rows whose lock has ended (nobody else failed since).
        clock = new Date(clock.getTime() + 25 * 3600_000);
        await apiLogin('iemand-anders@example.org', 'fout', { 'x-forwarded-for': '198.51.100.99' });
        assert.equal((await p.deps.db.selectFrom('login_throttle').select('account_hash').execute()).length, 1, 'only the new failure is kept');
        clock = new Date();
      });

      it('shows the lock on the login form too', async () => {
        let last: Response | undefined;
        for (let i = 0; i < 5; i++) last = await webLoginPost({ next: '/', email: 'beheer@amsterdam.demo', password: `fout-${i}` });
        assert.equal(last!.status, 429);
        assert.match(await last!.text(), /dit account is tijdelijk geblokkeerd/);
      });

      it('limits login attempts per client address, and a made-up X-Forwarded-For does not change the address', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 22; i++) statuses.push((await apiLogin(`niemand-${i}@example.org`, 'geraden', { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
        assert.ok(statuses.includes(429), `no 429 in ${statuses.join(',')}`);
        const limited = await apiLogin('niemand@example.org', 'geraden', { 'x-forwarded-for': '192.0.2.200' });
        assert.equal(limited.status, 429);
        assert.equal(limited.body.title, 'Te veel verzoeken');
      });
    });

    describe('4. CSRF and authentication on the normalised route', () => {
      it('refuses a cookie-only change whatever the spelling of the path', async () => {
        const s = await sessionOf('medewerker@amsterdam.demo');
        const signal = await p.deps.db.selectFrom('signals').select('id').where('municipality_code', '=', 'GM0363').executeTakeFirst();
        const body = JSON.stringify({ signalId: String(signal?.id ?? '1'), field: 'phone', value: '0201234567' });
        for (const path of ['/%761/rectifications', '/v1/rectifications', '/%76%31/rectifications', '/v1/%72ectifications']) {
          const r = await fetch(`${p.url}${path}`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body });
          assert.equal(r.status, 403, path);
          assert.equal(((await r.json()) as { code: string }).code, 'CSRF', path);
        }
        const del = await fetch(`${p.url}/%761/sessions/current`, { method: 'DELETE', headers: { cookie: s.cookie } });
        assert.equal(del.status, 403, 'logging out by a forged request is refused too');
        // A spelling the router does not match reaches no handler at all.
        assert.equal((await fetch(`${p.url}/v1//rectifications`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body })).status, 404);
      });

      it('asks an anonymous caller to authenticate on any spelling of an API path', async () => {
        for (const path of ['/%761/users', '/%76%31/users', '/v1/%75sers']) assert.equal((await fetch(`${p.url}${path}`)).status, 401, path);
      });
    });

    describe('9. smaller findings: routing answers', () => {
      it('answers an unknown path 404, also without credentials', async () => {
        const r = await fetch(`${p.url}/v1/bestaat-niet`);
        assert.equal(r.status, 404);
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      });

      it('answers a wrong method 405 with Allow, as problem+json', async () => {
        const r = await fetch(`${p.url}/v1/signals`, { method: 'DELETE' });
        assert.equal(r.status, 405);
        assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(((await r.json()) as { code: string }).code, 'METHOD_NOT_ALLOWED');
        const batch = await fetch(`${p.url}/v1/batches/00000000-0000-4000-8000-000000000000`, { method: 'PUT' });
        assert.equal(batch.status, 405);
        assert.equal(batch.headers.get('allow'), 'GET, HEAD');
      });

      it('answers an Accept the operation cannot serve 406, as problem+json', async () => {
        const key = p.seed!.apiKeys[0]!.token;
        const r = await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${key}`, accept: 'text/xml' } });
        assert.equal(r.status, 406);
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal((await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${key}`, accept: 'application/*;q=0.5, text/xml' } })).status, 200);
        assert.equal((await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${key}`, accept: '*/*' } })).status, 200);
      });

      it('labels a 429 as too many requests', async () => {
        let r: Response | undefined;
        for (let i = 0; i < 25 && r?.status !== 429; i++) r = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"x@example.org","password":"x"}' });
        assert.equal(r!.status, 429);
        const body = (await r!.json()) as { title: string; code: string };
        assert.equal(body.title, 'Te veel verzoeken');
        assert.equal(body.code, 'TOO_MANY_REQUESTS');
      });
    });

    describe('5. API keys with more rights than their creator', () => {
      const createKey = async (email: string, scopes: string[]) => {
        const s = await sessionOf(email);
        return fetch(`${p.url}/v1/api-keys`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'poging', scopes }) });
      };

      it('refuses a key with a right its creator lacks: operator admin → DDAS, municipal admin → submit, creditor → DDAS', async () => {
        for (const [email, scope] of [['beheer@platform.demo', 'ddas:export'], ['beheer@amsterdam.demo', 'signals:submit'], ['aanlevering@demo-woningcorporatie.demo', 'ddas:export']] as const) {
          const r = await createKey(email, [scope]);
          assert.equal(r.status, 403, `${email} ${scope}`);
          const problem = (await r.json()) as { code: string; detail: string };
          assert.equal(problem.code, 'SCOPES_BEYOND_CREATOR');
          assert.match(problem.detail, new RegExp(scope));
        }
        const keys = await p.deps.db.selectFrom('api_keys').select('id').where('name', '=', 'poging').execute();
        assert.deepEqual(keys, [], 'no key was made');
        const refused = await p.deps.db.selectFrom('audit_log').select('actor_id').where('activity', '=', 'api-key.create').where('outcome', '=', 'refused').execute();
        assert.equal(refused.length, 3);
      });

      it('still makes a key within the creator’s rights', async () => {
        assert.equal((await createKey('beheer@amsterdam.demo', ['ddas:export'])).status, 201);
        assert.equal((await createKey('aanlevering@demo-woningcorporatie.demo', ['signals:submit'])).status, 201);
      });

      it('holds a key made before the check to what its organisation can do, and refuses to rotate one beyond the rotator', async () => {
        const rogue = generateApiKeySecret();
        await insertApiKey(p.deps.db, { organisationId: 'GM0363', name: 'oud', prefix: rogue.prefix, secretHash: rogue.secretHash, scopes: ['signals:submit', 'ddas:export'], createdBy: null });
        const submit = await fetch(`${p.url}/v1/signals?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${rogue.token}`, 'content-type': 'application/json' }, body: JSON.stringify(rentSignal('rogue-1')) });
        assert.equal(submit.status, 403, "a municipality's key cannot submit signals");
        const operatorKey = generateApiKeySecret();
        const id = await insertApiKey(p.deps.db, { organisationId: 'platform-beheer', name: 'cbs', prefix: operatorKey.prefix, secretHash: operatorKey.secretHash, scopes: ['ddas:export'], createdBy: null });
        const admin = await sessionOf('beheer@platform.demo');
        const rotated = await fetch(`${p.url}/v1/api-keys/${id}/rotations`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: '{}' });
        assert.equal(rotated.status, 403, 'rotating makes a new key: not beyond the rotator either');
      });
    });

    describe('1. subject-access request across municipalities', () => {
      const BSN = '111222333';
      it('shows only what the requesting municipality holds and did, to its privacy officer only, and audits it', async () => {
        const tax = { reference: 'sar-tax', signalType: 'municipal_tax', signalDate: '2025-03-14', municipalityCode: 'GM0363', amount: '412.00', components: { municipal_tax: '412.00' }, arrearStartDate: '2024-10-01', bsn: BSN, person: { initials: 'J.', surname: 'Jansen' }, address: { street: 'Damrak', houseNumber: '1', postcode: '1012LG', city: 'Amsterdam' }, socialCollection: rentSignal('x').socialCollection! };
        const [a] = await submitSignals(p.deps, systemContext('belastingen-amsterdam', 'test'), [tax], { dryRun: false });
        const [b] = await submitSignals(p.deps, systemContext('belastingen-rotterdam', 'test'), [{ ...tax, reference: 'sar-tax-rdam', municipalityCode: 'GM0599', address: { street: 'Coolsingel', houseNumber: '5', postcode: '3011AA', city: 'Rotterdam' } }], { dryRun: false });
        assert.deepEqual([a!.outcome, b!.outcome], ['accepted', 'accepted'], JSON.stringify([a!.refusals, b!.refusals]));
        await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
        await matchMunicipality(p.deps, systemContext('GM0599', 'test', 'job'), 'GM0599');
        // Rotterdam works its case about the same person.
        const rotterdamCase = await signalsWithState(p.deps.db).select('signal_states.case_id').where('signals.id', '=', b!.signalId!).executeTakeFirstOrThrow();
        const rotterdam = await sessionOf('medewerker@rotterdam.demo');
        assert.equal((await fetch(`${p.url}/zaken/${rotterdamCase.case_id}`, { headers: { cookie: rotterdam.cookie } })).status, 200);

        const ask = async (email: string) => {
          const s = await sessionOf(email);
          return fetch(`${p.url}/v1/subject-access-requests`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ bsn: BSN }) });
        };
        const worker = await ask('medewerker@amsterdam.demo');
        assert.equal(worker.status, 403, 'a worker cannot run an access request');
        const res = await ask('privacy@amsterdam.demo');
        assert.equal(res.status, 200);
        const doc = (await res.json()) as { signals: Array<{ sender: string }>; processing: Array<{ organisation: string | null; activity: string }> };
        assert.deepEqual(doc.signals.map((s) => s.sender), ['belastingen-amsterdam'], 'only the signal Amsterdam holds, with its source');
        const orgs = [...new Set(doc.processing.map((x) => x.organisation))];
        assert.deepEqual(orgs, ['GM0363'], `processing records of others leaked: ${orgs.join(', ')}`);
        assert.ok(doc.processing.length > 0);
        assert.doesNotMatch(JSON.stringify(doc), /GM0599|belastingen-rotterdam|Coolsingel/);
        const audit = await p.deps.db.selectFrom('audit_log').select(['outcome', 'organisation_id']).where('activity', '=', 'subject.access').orderBy('id').execute();
        assert.deepEqual(audit.map((x) => x.outcome), ['refused', 'success']);
      });
    });

    describe('9. smaller findings: CSV, OAuth Basic, session expiry', () => {
      it('neutralises formula cells in the results file, stored and dry run alike', async () => {
        const key = p.seed!.apiKeys.find((k) => k.organisation === 'demo-woningcorporatie')!.token;
        const csv = [CSV_HEADER, rentCsvRow('"=HYPERLINK(""https://evil.example"")"'), rentCsvRow('@SUM(1+1)', { amount: 'x' })].join('\n');
        for (const dry of [false, true]) {
          const res = await fetch(`${p.url}/v1/batches${dry ? '?dryRun=true' : ''}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: csv });
          assert.ok(res.status < 300, String(res.status));
          const text = dry ? await res.text() : await (await fetch(`${p.url}/v1/batches/${((await res.json()) as { id: string }).id}/results`, { headers: { authorization: `Bearer ${key}` } })).text();
          const cells = (parse(text, { relax_column_count: true }) as string[][]).flat();
          assert.ok(cells.includes(`'=HYPERLINK("https://evil.example")`), text);
          assert.ok(cells.includes(`'@SUM(1+1)`), text);
          assert.deepEqual(cells.filter((c) => /^[=+@]/.test(c)), [], text);
        }
      });

      it('answers malformed HTTP Basic credentials at the token endpoint 400, never 5xx', async () => {
        for (const auth of [`Basic ${Buffer.from('%zz:%zz').toString('base64')}`, 'Basic !!!', `Basic ${Buffer.from('geen-dubbele-punt').toString('base64')}`, 'Basic ']) {
          const r = await fetch(`${p.url}/v1/oauth/token`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
          assert.equal(r.status, 400, auth);
          assert.equal(((await r.json()) as { error: string }).error, 'invalid_request');
        }
      });

      it('reports the real expiry of the current session', async () => {
        const s = await sessionOf('medewerker@amsterdam.demo');
        const stored = await p.deps.db.selectFrom('sessions').select('expires_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
        clock = new Date(clock.getTime() + 10 * 60_000);
        const r = await fetch(`${p.url}/v1/sessions/current`, { headers: { cookie: s.cookie } });
        clock = new Date();
        assert.equal(r.status, 200);
        assert.equal(((await r.json()) as { expiresAt: string }).expiresAt, new Date(stored.expires_at).toISOString());
      });
    });

    describe('10. the OAuth token endpoint is a maintained library (@node-oauth/oauth2-server)', () => {
      // The endpoint allows 30 requests a minute per address: these tests make 19, point 9 makes 4.
      const token = (body: string, headers: Record<string, string> = {}) =>
        fetch(`${p.url}/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
      const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
      /** RFC 6749 § 5.2: the status, the `error` code, and never cached. */
      const rfcError = async (r: Response, status: number, error: string, what: string) => {
        const body = (await r.json()) as { error?: string; error_description?: string };
        assert.equal(r.status, status, `${what}: ${JSON.stringify(body)}`);
        assert.equal(body.error, error, `${what}: ${body.error_description}`);
        assert.equal(typeof body.error_description, 'string', what);
        assert.match(r.headers.get('content-type') ?? '', /problem\+json/, what);
        assert.equal(r.headers.get('cache-control'), 'no-store', what);
        return body;
      };
      const cbs = generateApiKeySecret();
      const secret = cbs.token.slice(`vsk_${cbs.prefix}_`.length);
      let cbsId = '';
      const issued = () => p.deps.db.selectFrom('audit_log').select(['outcome', 'detail']).where('activity', '=', 'oauth.token').where('actor_id', '=', cbsId).execute();
      before(async () => {
        cbsId = await insertApiKey(p.deps.db, { organisationId: 'GM0363', name: 'cbs-oauth', prefix: cbs.prefix, secretHash: cbs.secretHash, scopes: ['ddas:export'], createdBy: null });
      });

      it('answers a malformed Basic header 400 invalid_request and a wrong or missing secret 401 invalid_client', async () => {
        for (const auth of ['Basic !!!', `Basic ${Buffer.from(`${cbs.prefix}:%zz`).toString('base64')}`, basic(`${cbs.prefix}%3A`, secret)])
          await rfcError(await token('grant_type=client_credentials', { authorization: auth }), 400, 'invalid_request', auth);
        const wrongBasic = await token('grant_type=client_credentials', { authorization: basic(cbs.prefix, 'nope') });
        assert.equal(wrongBasic.headers.get('www-authenticate'), 'Basic realm="vroegsignaal"');
        assert.match((await rfcError(wrongBasic, 401, 'invalid_client', 'wrong secret by Basic')).error_description!, /^Invalid client: /, "the library's own answer");
        const wrongForm = await token(`grant_type=client_credentials&client_id=${cbs.prefix}&client_secret=nope`);
        assert.equal(wrongForm.headers.get('www-authenticate'), 'Basic realm="vroegsignaal"');
        await rfcError(wrongForm, 401, 'invalid_client', 'wrong secret by form fields');
        await rfcError(await token(`grant_type=client_credentials&client_id=${cbs.prefix}`), 401, 'invalid_client', 'no secret');
        const expired = generateApiKeySecret();
        await insertApiKey(p.deps.db, { organisationId: 'GM0363', name: 'verlopen', prefix: expired.prefix, secretHash: expired.secretHash, scopes: ['ddas:export'], createdBy: null, expiresAt: new Date(clock.getTime() - 1000) });
        await rfcError(await token('grant_type=client_credentials', { authorization: basic(expired.prefix, expired.token.slice(`vsk_${expired.prefix}_`.length)) }), 401, 'invalid_client', 'expired key');
        assert.deepEqual(await issued(), [], 'no token issued');
      });

      it('issues a 5-minute bearer token for the key: Basic (parts form-decoded) or form fields, the secret or the whole key; stored hashed, audited', async () => {
        const percentEncoded = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
        const tokens: string[] = [];
        for (const [how, res, scope] of [
          ['Basic, scope read', await token('grant_type=client_credentials&scope=read', { authorization: basic(cbs.prefix, secret) }), 'read'],
          ['Basic, each part percent-encoded', await token('grant_type=client_credentials', { authorization: basic(percentEncoded(cbs.prefix), percentEncoded(secret)) }), 'ddas:export'],
          ['form fields', await token(`grant_type=client_credentials&scope=ddas%3Aexport&client_id=${cbs.prefix}&client_secret=${secret}`), 'ddas:export'],
          ['the whole key as secret', await token(`grant_type=client_credentials&client_id=${cbs.prefix}&client_secret=${cbs.token}`), 'ddas:export'],
        ] as const) {
          const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
          assert.equal(res.status, 200, `${how}: ${JSON.stringify(body)}`);
          assert.equal(res.headers.get('cache-control'), 'no-store', how);
          assert.equal(body.token_type, 'Bearer', how);
          assert.match(body.access_token, /^vsat_[A-Za-z0-9_-]{43}$/, how);
          assert.ok(body.expires_in > 290 && body.expires_in <= 300, `${how}: expires_in ${body.expires_in}`);
          assert.equal(body.scope, scope, how);
          tokens.push(body.access_token);
        }
        const stored = await p.deps.db.selectFrom('access_tokens').select(['token_hash', 'scopes', 'expires_at']).where('api_key_id', '=', cbsId).execute();
        const { createHash } = await import('node:crypto');
        assert.deepEqual(stored.map((t) => t.token_hash).sort(), tokens.map((t) => createHash('sha256').update(t).digest('hex')).sort(), 'only the hashes are stored');
        for (const t of stored) {
          assert.deepEqual(t.scopes, ['ddas:export']);
          assert.equal(new Date(t.expires_at).getTime() - clock.getTime() <= 300_000, true);
        }
        const audit = await issued();
        assert.equal(audit.length, 4, 'every issue audited');
        assert.ok(audit.every((a) => a.outcome === 'success'));
        const pull = await fetch(`${p.url}/v1/ddas/gegevens`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' }, body: JSON.stringify({ aanleverperiodeStartdatum: '2025-01-01', aanleverperiodeEinddatum: '2025-01-31' }) });
        assert.equal(pull.status, 200);
      });

      it('refuses what the grant does not allow: JSON, other grant types, unknown or unheld scopes, repeated parameters', async () => {
        const before = (await issued()).length;
        const auth = { authorization: basic(cbs.prefix, secret) };
        const json = await fetch(`${p.url}/v1/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
        assert.match((await rfcError(json, 400, 'invalid_request', 'JSON body (RFC 6749 asks for a form)')).error_description!, /x-www-form-urlencoded/);
        await rfcError(await token('grant_type=urn:example:unknown', auth), 400, 'unsupported_grant_type', 'unknown grant type');
        await rfcError(await token('grant_type=password&username=a&password=b', auth), 400, 'unauthorized_client', 'a grant type this client may not use');
        await rfcError(await token('scope=read', auth), 400, 'invalid_request', 'no grant type');
        await rfcError(await token('grant_type=client_credentials&scope=admin', auth), 400, 'invalid_scope', 'unknown scope');
        await rfcError(await token('grant_type=client_credentials&scope=', auth), 400, 'invalid_scope', 'empty scope');
        await rfcError(await token('grant_type=client_credentials&scope=read&scope=admin', auth), 400, 'invalid_request', 'a repeated parameter');
        // A creditor's key that says ddas:export (made before creation was checked): its organisation cannot hold it.
        const creditor = generateApiKeySecret();
        await insertApiKey(p.deps.db, { organisationId: 'demo-woningcorporatie', name: 'oud', prefix: creditor.prefix, secretHash: creditor.secretHash, scopes: ['signals:submit', 'ddas:export'], createdBy: null });
        await rfcError(await token('grant_type=client_credentials', { authorization: basic(creditor.prefix, creditor.token.slice(`vsk_${creditor.prefix}_`.length)) }), 400, 'invalid_scope', 'a right the key cannot hold');
        assert.equal((await issued()).length, before, 'no token issued');
      });
    });

    describe('7. an objection works going forward', () => {
      const BSN = '123456782';
      const person = { initials: 'M.', surname: 'Bezwaar' };
      const tax = (reference: string, municipalityCode = 'GM0363', postcode = '1016AA') => ({
        reference, signalType: 'municipal_tax', signalDate: '2025-03-14', municipalityCode, amount: '412.00', components: { municipal_tax: '412.00' }, arrearStartDate: '2024-10-01',
        bsn: BSN, person, address: { street: 'Keizersgracht', houseNumber: '3', postcode, city: 'X' }, socialCollection: rentSignal('x').socialCollection!,
      });
      const post = (org: string, body: unknown, query = '') =>
        fetch(`${p.url}/v1/signals${query}`, { method: 'POST', headers: { authorization: `Bearer ${keyFor(org)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const keyFor = (org: string) => keys.get(org)!;
      const keys = new Map<string, string>();

      it('refuses every new signal about a resident who objected, in that municipality, on every intake path, and says why', async () => {
        for (const org of ['belastingen-amsterdam', 'belastingen-rotterdam', 'demo-woningcorporatie']) {
          const k = generateApiKeySecret();
          await insertApiKey(p.deps.db, { organisationId: org, name: 'bezwaar', prefix: k.prefix, secretHash: k.secretHash, scopes: ['signals:submit', 'signals:read-own', 'batches:manage'], createdBy: null });
          keys.set(org, k.token);
        }
        assert.equal((await post('belastingen-amsterdam', tax('obj-1'))).status, 201);
        await matchMunicipality(p.deps, systemContext('GM0363', 'test', 'job'), 'GM0363');
        const worker = await sessionOf('medewerker@amsterdam.demo');
        const objection = await fetch(`${p.url}/v1/objections`, { method: 'POST', headers: { cookie: worker.cookie, 'x-csrf-token': worker.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ subject: { bsn: BSN } }) });
        assert.equal(objection.status, 201);
        assert.equal(((await objection.json()) as { registered: boolean }).registered, true);

        // The attack: a new signal (new reference) for the same person.
        const single = await post('belastingen-amsterdam', tax('obj-2'));
        assert.equal(single.status, 422);
        const problem = (await single.json()) as { invalidParams?: Array<{ code?: string }>; refusals?: Array<{ code: string; citation?: { article: string } }> };
        assert.match(JSON.stringify(problem), /RESIDENT_OBJECTION_REGISTERED/);
        assert.match(JSON.stringify(problem), /Algemene verordening gegevensbescherming, art. 21/);
        const dry = await post('belastingen-amsterdam', tax('obj-3'), '?dryRun=true');
        assert.equal(dry.status, 200);
        assert.match(await dry.text(), /RESIDENT_OBJECTION_REGISTERED/, 'a dry run says so too');
        const list = await post('belastingen-amsterdam', { signals: [tax('obj-4')] });
        assert.match(await list.text(), /RESIDENT_OBJECTION_REGISTERED/);
        // A copy of that row goes the same way; other content under its reference (someone else) is a
        // reused reference, and is not told that the objector's objection applies to it.
        const someoneElse = { ...tax('obj-5', 'GM0363', '1017AB'), bsn: undefined, person: { initials: 'K.', surname: 'Bakker' } };
        const copies = (await (await post('belastingen-amsterdam', { signals: [tax('obj-5'), tax('obj-5'), someoneElse] })).json()) as { results: Array<{ outcome: string; refusals: Array<{ code: string }> }> };
        assert.deepEqual(
          copies.results.map((r) => [r.outcome, r.refusals.map((x) => x.code).join()]),
          [['refused', 'RESIDENT_OBJECTION_REGISTERED'], ['refused', 'RESIDENT_OBJECTION_REGISTERED'], ['conflict', 'REFERENCE_REUSED']],
        );
        const stored = await p.deps.db.selectFrom('signals').select('reference').where('reference', 'in', ['obj-2', 'obj-3', 'obj-4']).execute();
        assert.deepEqual(stored, [], 'nothing stored, so nothing exported');

        // Another municipality is another controller: the objection is not theirs.
        assert.equal((await post('belastingen-rotterdam', tax('obj-rdam', 'GM0599', '3011AA'))).status, 201);
      });

      it('refuses rows of a file (stored and dry run) about a resident who objected by address and surname, and keeps nothing of them', async () => {
        const worker = await sessionOf('medewerker@amsterdam.demo');
        const objection = await fetch(`${p.url}/v1/objections`, { method: 'POST', headers: { cookie: worker.cookie, 'x-csrf-token': worker.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ subject: { postcode: '1015 AA', houseNumber: '12', surname: 'Vries' } }) });
        assert.equal(objection.status, 201);
        const other = rentCsvRow('obj-file-other', { postcode: '1015AA' }).replace(',Vries,', ',Bakker,');
        const someoneElse = rentCsvRow('obj-file-1', { postcode: '1017AB' }).replace(',Vries,', ',Jansen,');
        const csv = [CSV_HEADER, rentCsvRow('obj-file-1', { postcode: '1015AA' }), other, rentCsvRow('obj-file-1', { postcode: '1015AA' }), someoneElse].join('\n');
        const token = keyFor('demo-woningcorporatie');
        const dry = await fetch(`${p.url}/v1/batches?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
        const dryLines = (await dry.text()).trim().split('\n');
        assert.match(dryLines[1]!, /refused.*RESIDENT_OBJECTION_REGISTERED/);
        assert.match(dryLines[2]!, /accepted/, 'another household member at the address is not covered');
        const res = await fetch(`${p.url}/v1/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
        const batch = (await res.json()) as { id: string };
        const results = await (await fetch(`${p.url}/v1/batches/${batch.id}/results`, { headers: { authorization: `Bearer ${token}` } })).text();
        const lines = results.trim().split('\n');
        assert.match(lines[1]!, /^1,,refused,.*RESIDENT_OBJECTION_REGISTERED/, 'refused, without even the reference');
        assert.match(lines[2]!, /^2,obj-file-other,accepted/);
        assert.match(lines[3]!, /^3,,refused,.*RESIDENT_OBJECTION_REGISTERED/);
        assert.match(lines[4]!, /^4,obj-file-1,conflict,,.*REFERENCE_REUSED/, 'other content under the reference is not told of the objection');
        assert.doesNotMatch(lines[4]!, /RESIDENT_OBJECTION_REGISTERED/);
        const stored = await p.deps.db.selectFrom('signals').select('reference').where('reference', 'like', 'obj-file-%').execute();
        assert.deepEqual(stored.map((x) => x.reference), ['obj-file-other']);

        // The API's single signal goes the same way: the objector is refused, another member of the household is not.
        const at = (reference: string, surname: string) => rentSignal(reference, { address: { street: 'Dorpsstraat', houseNumber: '12', postcode: '1015AA', city: 'Amsterdam' }, person: { initials: 'A.', surname } });
        const refused = await post('demo-woningcorporatie', at('obj-api-1', 'Vries'));
        assert.equal(refused.status, 422);
        assert.match(await refused.text(), /RESIDENT_OBJECTION_REGISTERED/);
        assert.equal((await post('demo-woningcorporatie', at('obj-api-2', 'Bakker'))).status, 201);
      });
    });
  });
}

describe('9. production refuses the public default keys', () => {
  it('does not start with NODE_ENV=production on the development pseudonym key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vs-prod-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dir, PORT: '0', SEED_DEMO: 'false', DATABASE_URL: '', AUDIT_MAC_KEY: 'x'.repeat(40) };
      delete env.PSEUDONYM_KEY;
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 1, `started anyway: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /vroegsignaal kan niet starten: PSEUDONYM_KEY is niet gezet/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('3. the request limit counts requests refused for their credentials too (per address), while good keys keep their own buckets', () => {
  it('answers 429 to an address that keeps trying made-up API keys, before looking any of them up', async () => {
    const engine = ENGINES[0]!;
    const database = await engine.open();
    const p = await startPlatform({ databaseUrl: undefined, dataDir: 'memory://', database, port: 0, seedDemo: true, logLevel: 'silent', rateLimitPerMinute: 5, matchingIntervalMs: 0, intakeWorkers: 0 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const made = `vsk_${randomBytes(6).toString('hex')}_${randomBytes(16).toString('hex')}`;
        statuses.push((await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${made}` } })).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      assert.equal(((await (await fetch(`${p.url}/v1/batches`)).json()) as { code: string }).code, 'TOO_MANY_REQUESTS', 'the address waits, whatever it sends next');
      // The address is limited whatever it sends next: a real key from it waits too.
      const real = await fetch(`${p.url}/v1/batches`, { headers: { authorization: `Bearer ${p.seed!.apiKeys[0]!.token}` } });
      assert.equal(real.status, 429);
      assert.ok(Number(real.headers.get('retry-after')) > 0);
    } finally {
      await p.stop();
      await database.drop();
    }
  });
});
