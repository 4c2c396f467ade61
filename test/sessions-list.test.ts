import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { postLoginForm, webLogin } from './helpers/web.ts';
import { DEMO_PASSWORD } from '../src/app/seed/demo-organisations.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

/** A web login from a given browser; the session's cookie header and its CSRF token. */
async function loginFrom(p: TestPlatform, email: string, userAgent: string) {
  const res = await postLoginForm(p, email, DEMO_PASSWORD, { userAgent });
  const cookie = `vs_session=${res.cookies.find((c) => c.name === 'vs_session')!.value}`;
  const page = await p.app.inject({ method: 'GET', url: '/mijn-account', headers: { cookie, 'user-agent': userAgent } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const get = (path: string) => p.app.inject({ method: 'GET', url: path, headers: { cookie, 'user-agent': userAgent } });
  const post = (path: string, form: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url: path, headers: { cookie, 'user-agent': userAgent, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...form }).toString() });
  return { cookie, csrf, get, post };
}

const sessionIdsIn = (html: string) => [...html.matchAll(/action="\/mijn-account\/sessies\/([0-9a-f-]{36})\/beeindigen"/g)].map((m) => m[1]!);

for (const engine of ENGINES) {
  describe(`a person's own sessions (${engine.name})`, () => {
    let p: TestPlatform;
    let clock = Date.now();
    const now = () => new Date(clock);
    const email = 'medewerker@amsterdam.demo';
    const sessionsOf = async (who: string) => {
      const u = await p.deps.db.selectFrom('users').select('id').where('email', '=', who).executeTakeFirstOrThrow();
      return p.deps.db.selectFrom('sessions').select(['id', 'via', 'user_agent', 'last_seen_at']).where('user_id', '=', u.id).execute();
    };

    before(async () => (p = await startTestPlatform(engine, { now })));
    after(async () => p.close());

    it('lists where the person is logged in: browser, how, started, last seen, this session marked', async () => {
      const firefox = await loginFrom(p, email, FIREFOX);
      await loginFrom(p, email, EDGE);
      const page = await firefox.get('/mijn-account');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Actieve sessies/);
      assert.match(page.body, /Firefox, Linux \(deze sessie\)/);
      assert.match(page.body, /Edge, Windows</);
      assert.equal([...page.body.matchAll(/<td class="utrecht-table__cell">Wachtwoord<\/td>/g)].length, 2);
      assert.equal(sessionIdsIn(page.body).length, 2);
      const stored = await sessionsOf(email);
      assert.equal(stored.length, 2);
      assert.ok(stored.every((s) => s.via === 'password'));
      assert.ok(stored.some((s) => s.user_agent === FIREFOX));
      const en = await firefox.get('/mijn-account?lang=en');
      assert.match(en.body, /Active sessions/);
      assert.match(en.body, /Firefox, Linux \(this session\)/);
    });

    it('stores a long user agent truncated', async () => {
      await loginFrom(p, 'coordinator@amsterdam.demo', `${FIREFOX} ${'x'.repeat(2000)}`);
      const [s] = await sessionsOf('coordinator@amsterdam.demo');
      assert.equal(s?.user_agent?.length, 300);
    });

    it('touches last seen at most once a minute', async () => {
      const s = await loginFrom(p, 'privacy@amsterdam.demo', FIREFOX);
      const seen = async () => (await sessionsOf('privacy@amsterdam.demo'))[0]!.last_seen_at.getTime();
      const first = await seen();
      clock += 30_000;
      await s.get('/mijn-account');
      assert.equal(await seen(), first, 'not within the minute');
      clock += 31_000;
      await s.get('/mijn-account');
      assert.equal(await seen(), clock, 'after a minute');
    });

    it('ends another session of the person; that browser is logged out, this one is not; audited', async () => {
      const firefox = await loginFrom(p, 'beheer@amsterdam.demo', FIREFOX);
      const edge = await loginFrom(p, 'beheer@amsterdam.demo', EDGE);
      const edgeId = (await sessionsOf('beheer@amsterdam.demo')).find((s) => s.user_agent === EDGE)!.id;
      const ended = await firefox.post(`/mijn-account/sessies/${edgeId}/beeindigen`);
      assert.equal(ended.statusCode, 303);
      assert.equal(ended.headers.location, '/mijn-account?beeindigd=1');
      assert.match((await firefox.get('/mijn-account?beeindigd=1')).body, /De sessie is beëindigd/);
      const edgeNow = await edge.get('/werklijst');
      assert.equal(edgeNow.statusCode, 303);
      assert.match(String(edgeNow.headers.location), /^\/inloggen\?/);
      assert.equal((await firefox.get('/werklijst')).statusCode, 200);
      const audit = await p.deps.db.selectFrom('audit_log').select(['object_ids', 'outcome']).where('activity', '=', 'session.end').execute();
      assert.deepEqual(audit, [{ object_ids: [edgeId], outcome: 'success' }]);
    });

    it("cannot end another person's session, nor end one without the form's token", async () => {
      const mine = await loginFrom(p, 'medewerker@rotterdam.demo', FIREFOX);
      const other = await webLogin(p, 'evaluator@szw.demo');
      const otherId = (await sessionsOf('evaluator@szw.demo'))[0]!.id;
      assert.equal((await mine.post(`/mijn-account/sessies/${otherId}/beeindigen`)).statusCode, 404);
      assert.equal((await mine.post('/mijn-account/sessies/not-an-id/beeindigen')).statusCode, 404);
      assert.equal((await other.get('/mijn-account')).status, 200, 'the other person is still logged in');
      const noToken = await p.app.inject({ method: 'POST', url: '/mijn-account/overal-uitloggen', headers: { cookie: mine.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      assert.equal(noToken.statusCode, 403);
      assert.equal((await sessionsOf('medewerker@rotterdam.demo')).length, 1);
    });

    it('ending this session logs out here', async () => {
      const s = await loginFrom(p, 'beheer@szw.demo', FIREFOX);
      const [row] = await sessionsOf('beheer@szw.demo');
      const r = await s.post(`/mijn-account/sessies/${row!.id}/beeindigen`);
      assert.equal(r.headers.location, '/inloggen?uitgelogd=1');
      assert.equal((await s.get('/werklijst')).statusCode, 303);
    });

    it('"Overal uitloggen" ends every session of the person, this one too, and no one else\'s', async () => {
      const a = await loginFrom(p, email, FIREFOX);
      const b = await loginFrom(p, email, EDGE);
      const bystander = await webLogin(p, 'coordinator@amsterdam.demo');
      const r = await a.post('/mijn-account/overal-uitloggen');
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/inloggen?uitgelogd=1');
      assert.match(String(r.headers['set-cookie']), /vs_session=;/);
      assert.equal((await sessionsOf(email)).length, 0);
      assert.equal((await a.get('/werklijst')).statusCode, 303);
      assert.equal((await b.get('/werklijst')).statusCode, 303);
      assert.equal((await bystander.get('/werklijst')).status, 200);
      const audit = await p.deps.db.selectFrom('audit_log').select('outcome').where('activity', '=', 'session.end-all').execute();
      assert.deepEqual(audit, [{ outcome: 'success' }]);
    });

    it('disabling a user still ends their sessions', async () => {
      const worker = await loginFrom(p, email, FIREFOX);
      const admin = await webLogin(p, 'beheer@amsterdam.demo');
      const id = (await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      assert.equal((await admin.post(`/gebruikers/${id}`, { roles: 'municipal_worker', disabled: '1' })).status, 303);
      assert.equal((await sessionsOf(email)).length, 0);
      assert.equal((await worker.get('/werklijst')).statusCode, 303);
    });
  });
}
