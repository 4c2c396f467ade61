import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { postLoginForm, webLogin, type WebSession } from './helpers/web.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';
import { totpCodeAt } from '../src/domain/access/totp.ts';

type Shaped = { status: number; location: string | undefined; html: string; cookies: Map<string, string> };

/** The web login's password step by hand (webLogin expects a session at once): the answer and its cookies. */
async function passwordStep(p: TestPlatform, email: string, password = DEMO_PASSWORD, userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'): Promise<Shaped> {
  return shape(await postLoginForm(p, email, password, { userAgent, next: '/werklijst' }));
}

function shape(res: { statusCode: number; headers: Record<string, unknown>; body: string; cookies: Array<{ name: string; value: string }> }): Shaped {
  return { status: res.statusCode, location: res.headers.location as string | undefined, html: res.body, cookies: new Map(res.cookies.filter((c) => c.value).map((c) => [c.name, c.value])) };
}

/** GET or POST a second-factor page with the pending login's cookie. */
async function pendingPage(p: TestPlatform, pending: string, path: string, form?: Record<string, string>): Promise<Shaped> {
  const headers: Record<string, string> = { cookie: `vs_pending=${pending}` };
  if (!form) return shape(await p.app.inject({ method: 'GET', url: path, headers }));
  return shape(await p.app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }));
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const secretOf = (html: string) => /data-secret="([A-Z2-7]+)"/.exec(html)![1]!;
const candidateOf = (html: string) => /name="candidate" value="([^"]+)"/.exec(html)![1]!;
const recoveryCodesOf = (html: string) => [...html.matchAll(/<code>([0-9a-z]{5}-[0-9a-z]{5})<\/code>/g)].map((m) => m[1]!);

for (const engine of ENGINES) {
  describe(`two-step verification with TOTP (${engine.name})`, () => {
    let p: TestPlatform;
    // A clock the test moves on: each login below needs a code of a time step not used before.
    let clock = Date.now();
    const now = () => new Date(clock);
    const nextStep = () => (clock += 30_000);
    let secret = '';
    let recovery: string[] = [];
    const email = 'coordinator@amsterdam.demo';

    const auditOf = (activity: string) =>
      p.deps.db.selectFrom('audit_log').select(['outcome', 'detail', 'actor_id']).where('activity', '=', activity).orderBy('id').execute();
    const userRow = () => p.deps.db.selectFrom('users').select(['id', 'totp_seed_sealed', 'totp_enrolled_at', 'totp_last_step']).where('email', '=', email).executeTakeFirstOrThrow();

    before(async () => (p = await startTestPlatform(engine, { now })));
    after(async () => p.close());

    it('sets up an authenticator from the account page: QR code, a code to confirm, recovery codes shown once; the seed is stored sealed', async () => {
      const s = await webLogin(p, email);
      const page = await s.get('/mijn-account/tweestapsverificatie');
      assert.equal(page.status, 200);
      assert.match(page.html, /<img src="data:image\/svg\+xml;base64,[^"]+" alt="QR-code voor uw authenticator-app"/);
      secret = secretOf(page.html);
      const candidate = candidateOf(page.html);
      assert.ok(!candidate.includes(secret), 'the candidate travels sealed');

      const wrong = await s.post('/mijn-account/tweestapsverificatie', { candidate, code: '000000' === totpCodeAt(secret, now()) ? '111111' : '000000' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, /Deze code is onjuist of al gebruikt/);
      assert.equal(secretOf(wrong.html), secret, 'the same set-up is offered again');
      assert.equal((await userRow()).totp_enrolled_at, null);

      // Someone else's sealed candidate (or a forged one) is not accepted.
      const forged = await s.post('/mijn-account/tweestapsverificatie', { candidate: p.deps.secrets.seal('totp-enrolment:someone-else', secret), code: totpCodeAt(secret, now()) });
      assert.equal(forged.status, 400);
      assert.match(forged.html, /hoort niet bij uw account/);

      const ok = await s.post('/mijn-account/tweestapsverificatie', { candidate, code: totpCodeAt(secret, now()) });
      assert.equal(ok.status, 200);
      recovery = recoveryCodesOf(ok.html);
      assert.equal(recovery.length, 8);
      assert.equal(new Set(recovery).size, 8);
      const row = await userRow();
      assert.ok(row.totp_enrolled_at);
      assert.ok(row.totp_seed_sealed && !row.totp_seed_sealed.includes(secret), 'the seed is not stored in plain text');
      const codes = await p.deps.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', row.id).execute();
      assert.equal(codes.length, 8);
      for (const c of recovery) assert.ok(!codes.some((h) => h.code_hash.includes(c.replace('-', ''))), 'recovery codes are stored hashed');
      const audits = await auditOf('totp.enrol');
      assert.deepEqual(audits.map((a) => a.outcome), ['refused', 'refused', 'success']);

      const account = await s.get('/mijn-account');
      assert.match(account.html, /Tweestapsverificatie staat aan sinds/);
      assert.match(account.html, /nog 8 ongebruikte herstelcodes/);
    });

    it('asks for the code after the password: no session until then, and the pending login authorises nothing', async () => {
      nextStep();
      const pw = await passwordStep(p, email);
      assert.equal(pw.status, 303);
      assert.equal(pw.location, '/inloggen/code?next=%2Fwerklijst');
      assert.equal(pw.cookies.get('vs_session'), undefined, 'no session from the password alone');
      const pending = pw.cookies.get('vs_pending')!;
      assert.ok(pending);
      // The pending token is no session token.
      const asSession = await p.app.inject({ method: 'GET', url: '/werklijst', headers: { cookie: `vs_session=${pending}` } });
      assert.equal(asSession.statusCode, 303);
      assert.match(String(asSession.headers.location), /^\/inloggen/);
      const verified = await auditOf('session.password-verified');
      assert.deepEqual(verified.at(-1)?.detail, { secondFactor: 'code' });

      const page = await pendingPage(p, pending, '/inloggen/code?next=%2Fwerklijst');
      assert.equal(page.status, 200);
      assert.match(page.html, /Code invoeren/);
      const csrf = csrfOf(page.html);
      // Without the form's token the step is refused.
      assert.equal((await pendingPage(p, pending, '/inloggen/code', { _csrf: 'x', next: '/werklijst', code: totpCodeAt(secret, now()) })).status, 403);

      const wrong = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/werklijst', code: totpCodeAt(secret, new Date(clock - 120_000)) });
      assert.equal(wrong.status, 401);
      assert.match(wrong.html, /onjuist of al gebruikt/);

      const ok = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/werklijst', code: totpCodeAt(secret, now()) });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/werklijst');
      const session = ok.cookies.get('vs_session')!;
      assert.ok(session);
      assert.equal((await p.app.inject({ method: 'GET', url: '/werklijst', headers: { cookie: `vs_session=${session}` } })).statusCode, 200);
      const stored = await p.deps.db.selectFrom('sessions').select('via').where('user_id', '=', (await userRow()).id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      assert.equal(stored.via, 'password+totp');
      const logins = await auditOf('session.login');
      assert.deepEqual(logins.at(-1)?.detail, { via: 'password+totp', factor: 'totp' });
      assert.equal(logins.at(-2)?.outcome, 'refused');
      // The pending login is used up.
      assert.equal((await pendingPage(p, pending, '/inloggen/code')).status, 400);
    });

    it('refuses a code once used, even within its time window', async () => {
      const used = totpCodeAt(secret, now());
      const pw = await passwordStep(p, email);
      const pending = pw.cookies.get('vs_pending')!;
      const csrf = csrfOf((await pendingPage(p, pending, '/inloggen/code')).html);
      const again = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: used });
      assert.equal(again.status, 401);
      assert.equal(again.cookies.get('vs_session'), undefined);
      const refused = await auditOf('session.login');
      assert.equal((refused.at(-1)?.detail as { reason: string }).reason, 'code-reused');
      // The next step's code is new.
      nextStep();
      const ok = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: totpCodeAt(secret, now()) });
      assert.equal(ok.status, 303);
    });

    it('takes a recovery code instead, once', async () => {
      const pw = await passwordStep(p, email);
      const pending = pw.cookies.get('vs_pending')!;
      const csrf = csrfOf((await pendingPage(p, pending, '/inloggen/code')).html);
      const ok = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: recovery[0]!.toUpperCase() });
      assert.equal(ok.status, 303);
      assert.deepEqual((await auditOf('session.login')).at(-1)?.detail, { via: 'password+totp', factor: 'recovery-code' });
      const pw2 = await passwordStep(p, email);
      const pending2 = pw2.cookies.get('vs_pending')!;
      const csrf2 = csrfOf((await pendingPage(p, pending2, '/inloggen/code')).html);
      assert.equal((await pendingPage(p, pending2, '/inloggen/code', { _csrf: csrf2, next: '/', code: recovery[0]! })).status, 401, 'a recovery code works once');
      const s = await loginWithCode(p, email, secret, nextStep);
      assert.match((await s.get('/mijn-account')).html, /nog 7 ongebruikte herstelcodes/);
    });

    it('renews the recovery codes with a code: the old ones stop working', async () => {
      const s = await loginWithCode(p, email, secret, nextStep);
      assert.match((await s.get('/mijn-account')).html, /Nieuwe herstelcodes maken/);
      const wrong = await s.post('/mijn-account/herstelcodes', { code: recovery[5]!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
      assert.equal(wrong.status, 400);
      assert.match(wrong.html, /onjuist of al gebruikt/);
      const ok = await s.post('/mijn-account/herstelcodes', { code: recovery[1]! });
      assert.equal(ok.status, 200);
      const renewed = recoveryCodesOf(ok.html);
      assert.equal(renewed.length, 8);
      assert.ok(!renewed.some((c) => recovery.includes(c)));
      assert.deepEqual((await auditOf('totp.recovery-codes')).map((a) => a.outcome), ['refused', 'success']);
      const pw = await passwordStep(p, email);
      const pending = pw.cookies.get('vs_pending')!;
      const csrf = csrfOf((await pendingPage(p, pending, '/inloggen/code')).html);
      assert.equal((await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: recovery[2]! })).status, 401, 'an old code no longer works');
      assert.equal((await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: renewed[0]! })).status, 303, 'a new one does');
      recovery = renewed.slice(1);
    });

    it('through the API: the code in the same call, or 401 SECOND_FACTOR_REQUIRED', async () => {
      const call = (body: Record<string, string>) => fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const without = await call({ email, password: DEMO_PASSWORD });
      assert.equal(without.status, 401);
      assert.equal(((await without.json()) as { code: string }).code, 'SECOND_FACTOR_REQUIRED');
      assert.equal(without.headers.get('set-cookie'), null);
      nextStep();
      const wrong = await call({ email, password: DEMO_PASSWORD, code: totpCodeAt(secret, new Date(clock - 300_000)) });
      assert.equal(((await wrong.json()) as { code: string }).code, 'SECOND_FACTOR_WRONG');
      const ok = await call({ email, password: DEMO_PASSWORD, code: totpCodeAt(secret, now()) });
      assert.equal(ok.status, 201);
    });

    it('counts wrong codes towards the account lock; the password step does not reset the count', async () => {
      const wrongCode = () => totpCodeAt(secret, new Date(clock - 600_000));
      let last: Shaped | undefined;
      for (let i = 0; i < 5; i++) {
        const pw = await passwordStep(p, email);
        assert.equal(pw.status, 303, `password step ${i + 1}`);
        const pending = pw.cookies.get('vs_pending')!;
        const csrf = csrfOf((await pendingPage(p, pending, '/inloggen/code')).html);
        last = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: wrongCode() });
      }
      assert.equal(last?.status, 429);
      assert.match(last!.html, /tijdelijk geblokkeerd/);
      nextStep();
      // Locked: not even the right password and code open it now.
      const pw = await passwordStep(p, email);
      assert.equal(pw.status, 429);
      // Let the lock pass (15 minutes) for the tests below.
      clock += 16 * 60_000;
    });

    it('turns the second factor off from the account page only with a code', async () => {
      const s = await loginWithCode(p, email, secret, nextStep);
      nextStep();
      const wrong = await s.post('/mijn-account/tweestapsverificatie/uitzetten', { code: totpCodeAt(secret, new Date(clock - 300_000)) });
      assert.equal(wrong.status, 400);
      assert.ok((await userRow()).totp_enrolled_at);
      const ok = await s.post('/mijn-account/tweestapsverificatie/uitzetten', { code: totpCodeAt(secret, now()) });
      assert.equal(ok.status, 303);
      const row = await userRow();
      assert.equal(row.totp_enrolled_at, null);
      assert.equal(row.totp_seed_sealed, null);
      assert.equal((await p.deps.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', row.id).execute()).length, 0);
      assert.deepEqual((await auditOf('totp.disable')).map((a) => a.outcome), ['refused', 'success']);
      // A password is enough again.
      const pw = await passwordStep(p, email);
      assert.ok(pw.cookies.get('vs_session'));
    });

    it('an organisation that demands it: its admin switches it on (audited), and a person without one must set it up before any session', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      assert.equal((await worker.get('/beveiliging')).status, 403, 'only a user admin');
      const admin = await webLogin(p, 'beheer@amsterdam.demo');
      const page = await admin.get('/beveiliging');
      assert.equal(page.status, 200);
      assert.match(page.html, /Tweestapsverificatie verplicht/);
      assert.equal((await admin.post('/beveiliging', { mfaRequired: '1' })).status, 303);
      const org = await p.deps.db.selectFrom('organisations').select('mfa_required').where('id', '=', 'GM0363').executeTakeFirstOrThrow();
      assert.equal(org.mfa_required, true);
      assert.deepEqual((await auditOf('organisation.mfa-required')).map((a) => a.detail), [{ required: true }]);
      // Other organisations are not affected.
      const rotterdam = await passwordStep(p, 'medewerker@rotterdam.demo');
      assert.ok(rotterdam.cookies.get('vs_session'));

      const pw = await passwordStep(p, 'privacy@amsterdam.demo');
      assert.equal(pw.status, 303);
      assert.equal(pw.location, '/inloggen/instellen?next=%2Fwerklijst');
      assert.equal(pw.cookies.get('vs_session'), undefined);
      const pending = pw.cookies.get('vs_pending')!;
      // The code page is not for this step.
      assert.equal((await pendingPage(p, pending, '/inloggen/code')).status, 400);
      const enrol = await pendingPage(p, pending, '/inloggen/instellen?next=%2Fwerklijst');
      assert.equal(enrol.status, 200);
      assert.match(enrol.html, /Uw organisatie vereist tweestapsverificatie/);
      const own = secretOf(enrol.html);
      const form = { _csrf: csrfOf(enrol.html), candidate: candidateOf(enrol.html), next: '/werklijst' };
      const wrong = await pendingPage(p, pending, '/inloggen/instellen', { ...form, code: totpCodeAt(own, new Date(clock - 300_000)) });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.cookies.get('vs_session'), undefined);
      const ok = await pendingPage(p, pending, '/inloggen/instellen', { ...form, code: totpCodeAt(own, now()) });
      assert.equal(ok.status, 200);
      assert.equal(recoveryCodesOf(ok.html).length, 8);
      assert.match(ok.html, /href="\/werklijst"/);
      const session = ok.cookies.get('vs_session')!;
      assert.equal((await p.app.inject({ method: 'GET', url: '/mijn-account', headers: { cookie: `vs_session=${session}` } })).statusCode, 200);
      assert.deepEqual((await auditOf('totp.enrol')).at(-1)?.detail, { during: 'login', required: true });

      // Through the API a person without a second factor is sent to the web app first.
      const api = await fetch(`${p.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'medewerker@amsterdam.demo', password: DEMO_PASSWORD }) });
      assert.equal(api.status, 403);
      assert.equal(((await api.json()) as { code: string }).code, 'SECOND_FACTOR_ENROLMENT_REQUIRED');

      // While it is demanded, it cannot be turned off.
      const privacy = await loginWithCode(p, 'privacy@amsterdam.demo', own, nextStep);
      const account = await privacy.get('/mijn-account');
      assert.match(account.html, /Uw organisatie vereist tweestapsverificatie; u kunt die niet uitzetten/);
      assert.doesNotMatch(account.html, /tweestapsverificatie\/uitzetten/);
      nextStep();
      const refused = await privacy.post('/mijn-account/tweestapsverificatie/uitzetten', { code: totpCodeAt(own, now()) });
      assert.equal(refused.status, 400);
      assert.ok((await p.deps.db.selectFrom('users').select('totp_enrolled_at').where('email', '=', 'privacy@amsterdam.demo').executeTakeFirstOrThrow()).totp_enrolled_at);

      // Lost the app and the codes: the admin turns it off (only for their own organisation's users,
      // not for themself); the person's sessions end, and the next login sets up a new one.
      const privacyId = (await p.deps.db.selectFrom('users').select('id').where('email', '=', 'privacy@amsterdam.demo').executeTakeFirstOrThrow()).id;
      const security = await admin.get('/beveiliging');
      assert.match(security.html, new RegExp(`/beveiliging/gebruikers/${privacyId}/tweestapsverificatie-uitzetten`));
      const creditorAdmin = await webLogin(p, 'aanlevering@demo-woningcorporatie.demo');
      assert.equal((await creditorAdmin.post(`/beveiliging/gebruikers/${privacyId}/tweestapsverificatie-uitzetten`, {})).status, 404, 'not of another organisation');
      const adminId = (await p.deps.db.selectFrom('users').select('id').where('email', '=', 'beheer@amsterdam.demo').executeTakeFirstOrThrow()).id;
      assert.equal((await admin.post(`/beveiliging/gebruikers/${adminId}/tweestapsverificatie-uitzetten`, {})).status, 404, 'not for oneself');
      const reset = await admin.post(`/beveiliging/gebruikers/${privacyId}/tweestapsverificatie-uitzetten`, {});
      assert.equal(reset.status, 303);
      assert.match((await admin.get(reset.location!)).html, /is uitgezet en zijn sessies zijn beëindigd/);
      assert.equal((await privacy.get('/mijn-account')).status, 303, "the person's sessions ended");
      assert.deepEqual((await auditOf('totp.reset')).map((a) => a.outcome), ['success']);
      assert.equal((await passwordStep(p, 'privacy@amsterdam.demo')).location, '/inloggen/instellen?next=%2Fwerklijst');

      // Switched off again: a password is enough for those without one.
      assert.equal((await admin.post('/beveiliging', {})).status, 303);
      assert.ok((await passwordStep(p, 'medewerker@amsterdam.demo')).cookies.get('vs_session'));
    });
  });
}

/** A full web login of a person with a second factor: password, then the code of a fresh time step. */
async function loginWithCode(p: TestPlatform, email: string, secret: string, nextStep: () => number): Promise<WebSession> {
  const pw = await passwordStep(p, email);
  const pending = pw.cookies.get('vs_pending');
  assert.ok(pending, `a pending login for ${email} (${pw.status})`);
  const csrf = csrfOf((await pendingPage(p, pending, '/inloggen/code')).html);
  const clock = nextStep();
  const ok = await pendingPage(p, pending, '/inloggen/code', { _csrf: csrf, next: '/', code: totpCodeAt(secret, new Date(clock)) });
  const session = ok.cookies.get('vs_session');
  assert.ok(session, `a session for ${email} (${ok.status})`);
  const cookie = `vs_session=${session}`;
  const first = await p.app.inject({ method: 'GET', url: '/mijn-account', headers: { cookie } });
  const token = csrfOf(first.body);
  const shapeOf = (r: { statusCode: number; headers: Record<string, unknown>; body: string }) => ({ status: r.statusCode, location: r.headers.location as string | undefined, html: r.body });
  return {
    cookie,
    csrf: token,
    get: async (path) => shapeOf(await p.app.inject({ method: 'GET', url: path, headers: { cookie } })),
    post: async (path, body) => {
      const params = new URLSearchParams({ _csrf: token });
      for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      return shapeOf(await p.app.inject({ method: 'POST', url: path, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() }));
    },
  };
}
