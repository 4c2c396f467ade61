import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { seedDemoSignals } from '../src/simulation/demo.ts';
import { dutchToday } from '../src/domain/worklist/deadlines.ts';

for (const engine of ENGINES) {
  describe(`web app pages: login, roles, organisations, CSRF (${engine.name})`, () => {
    let p: TestPlatform;
    let amsterdamCase: string;
    before(async () => {
      p = await startTestPlatform(engine);
      await seedDemoSignals(p.deps, 30);
      amsterdamCase = String((await p.deps.db.selectFrom('cases').select('id').where('municipality_code', '=', 'GM0363').where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow()).id);
    });
    after(async () => p.close());

    it('sends visitors without a session to the login page, and back after login', async () => {
      const r = await p.app.inject({ method: 'GET', url: '/werklijst?queue=all' });
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/inloggen?next=%2Fwerklijst%3Fqueue%3Dall');
      const login = await p.app.inject({ method: 'GET', url: '/inloggen' });
      assert.equal(login.statusCode, 200);
      assert.match(login.body, /<html lang="nl"/);
      assert.match(login.headers['content-security-policy'] as string, /script-src 'self'/);
      assert.doesNotMatch(login.body, /<script>/, 'no inline scripts');
    });

    it('refuses a wrong password and a login form posted from elsewhere', async () => {
      await assert.rejects(webLogin(p, 'medewerker@amsterdam.demo', 'fout-wachtwoord'), /login failed: 401/);
      const r = await p.app.inject({ method: 'POST', url: '/inloggen', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=medewerker%40amsterdam.demo&password=vroegsignaal-demo&_login=x' });
      assert.equal(r.statusCode, 403);
      assert.equal(r.cookies.find((c) => c.name === 'vs_session'), undefined);
      const open = await p.app.inject({ method: 'GET', url: '/inloggen?next=//evil.example' });
      assert.match(open.body, /name="next" value="\/"/, 'no open redirect');
    });

    it('shows each role only its screens (403 otherwise) and the menu says so', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      const list = await worker.get('/werklijst');
      assert.equal(list.status, 200);
      assert.match(list.html, /Werklijst/);
      assert.doesNotMatch(list.html, /href="\/afwegingskader"/, 'no menu entry for what the role may not do');
      assert.equal((await worker.get('/afwegingskader')).status, 403);
      assert.equal((await worker.get('/instellingen')).status, 403);
      assert.equal((await worker.get('/gebruikers')).status, 403);
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      for (const path of ['/afwegingskader', '/afwegingskader/regels/nieuw', '/instellingen', '/capaciteit']) assert.equal((await coordinator.get(path)).status, 200, path);
      assert.equal((await coordinator.get('/gebruikers')).status, 403);
      const admin = await webLogin(p, 'beheer@amsterdam.demo');
      const users = await admin.get('/gebruikers');
      assert.equal(users.status, 200);
      assert.match(users.html, /medewerker@amsterdam\.demo/);
      assert.doesNotMatch(users.html, /rotterdam\.demo/, 'only the own organisation');
      const creditor = await webLogin(p, 'aanlevering@demo-woningcorporatie.demo');
      assert.equal((await creditor.get('/werklijst')).status, 403, 'a creditor never sees the worklist');
      assert.equal((await creditor.get(`/zaken/${amsterdamCase}`)).status, 403);
    });

    it("gives a worker of another municipality a 404 for an Amsterdam case, on every route", async () => {
      const rotterdam = await webLogin(p, 'medewerker@rotterdam.demo');
      assert.equal((await rotterdam.get(`/zaken/${amsterdamCase}`)).status, 404);
      assert.equal((await rotterdam.post(`/zaken/${amsterdamCase}/notities`, { body: 'x' })).status, 404);
      assert.equal((await rotterdam.post(`/zaken/${amsterdamCase}/resultaat`, { result: 'Verwijzing zonder contact' })).status, 404);
      const untouched = await p.deps.db.selectFrom('cases').select('status').where('id', '=', amsterdamCase).executeTakeFirstOrThrow();
      assert.equal(untouched.status, 'open');
      const amsterdam = await webLogin(p, 'medewerker@amsterdam.demo');
      assert.equal((await amsterdam.get('/zaken/999999999')).status, 404);
      assert.equal((await amsterdam.get('/zaken/abc')).status, 404);
    });

    it('accepts a form only with the session CSRF token; the API still wants its header', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      assert.equal((await worker.post(`/zaken/${amsterdamCase}/notities`, { body: 'zonder token' }, { csrf: null })).status, 403);
      assert.equal((await worker.post(`/zaken/${amsterdamCase}/notities`, { body: 'fout token' }, { csrf: 'x' })).status, 403);
      const ok = await worker.post(`/zaken/${amsterdamCase}/notities`, { body: 'met token' });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, `/zaken/${amsterdamCase}?opgeslagen=notitie`);
      const api = await p.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { cookie: worker.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x', scopes: ['signals:submit'] }) });
      assert.equal(api.statusCode, 403);
    });

    it('registers a contact attempt and an outcome through the forms; bad input gets the form back with the reason', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      const today = dutchToday(p.deps.now());
      const bad = await worker.post(`/zaken/${amsterdamCase}/contactpogingen`, { contactType: 'Telefoon', reached: 'yes', date: '2999-01-01', partOfDay: '' });
      assert.equal(bad.status, 400);
      assert.match(bad.html, /De datum ligt in de toekomst/);
      assert.match(bad.html, /aria-invalid="true"/);
      const ok = await worker.post(`/zaken/${amsterdamCase}/contactpogingen`, { contactType: 'Huisbezoek', reached: 'no', date: today, partOfDay: 'Avond' });
      assert.equal(ok.status, 303);
      const page = await worker.get(`/zaken/${amsterdamCase}?opgeslagen=contact`);
      assert.match(page.html, /Contactpoging opgeslagen/);
      assert.match(page.html, /Huisbezoek/);
      const closed = await worker.post(`/zaken/${amsterdamCase}/resultaat`, { result: 'Definitief geen contact kunnen krijgen' });
      assert.equal(closed.status, 303);
      const c = await p.deps.db.selectFrom('cases').select(['status', 'result']).where('id', '=', amsterdamCase).executeTakeFirstOrThrow();
      assert.deepEqual(c, { status: 'closed', result: 'Definitief geen contact kunnen krijgen' });
    });

    it('bulk-assigns from the worklist form', async () => {
      const coordinator = await webLogin(p, 'coordinator@amsterdam.demo');
      const ids = (await p.deps.db.selectFrom('cases').select('id').where('municipality_code', '=', 'GM0363').where('status', '<>', 'closed').limit(2).execute()).map((c) => String(c.id));
      const worker = await p.deps.db.selectFrom('users').select('id').where('email', '=', 'medewerker@amsterdam.demo').executeTakeFirstOrThrow();
      const r = await coordinator.post('/werklijst/toewijzen', { caseIds: ids, userId: worker.id, back: '/werklijst?sort=opened' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/werklijst?sort=opened&toegewezen=2');
      const none = await coordinator.post('/werklijst/toewijzen', { userId: worker.id, back: '//evil.example' });
      assert.equal(none.location, '/?fout=selectie', 'no selection: back with a message, never off-site');
    });

    it('switches to English with ?lang=en and remembers it', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      const en = await p.app.inject({ method: 'GET', url: '/werklijst?lang=en', headers: { cookie: worker.cookie } });
      assert.match(en.body, /<html lang="en"/);
      assert.match(en.body, /Worklist/);
      const lang = en.cookies.find((c) => c.name === 'vs_lang')!;
      const again = await p.app.inject({ method: 'GET', url: '/capaciteit', headers: { cookie: `${worker.cookie}; vs_lang=${lang.value}` } });
      assert.match(again.body, /Inflow per week/);
    });

    it('sends an expired session back to the login page and says why', async () => {
      const worker = await webLogin(p, 'medewerker@amsterdam.demo');
      await p.deps.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
      const r = await worker.get('/werklijst');
      assert.equal(r.status, 303);
      assert.match(r.location ?? '', /^\/inloggen\?next=%2Fwerklijst&verlopen=1$/);
      const page = await p.app.inject({ method: 'GET', url: r.location! });
      assert.match(page.body, /Uw sessie is verlopen/);
    });
  });
}
