import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { webLogin } from './helpers/web.ts';
import { connectDemoIdentity } from '../src/app/seed/demo-identity.ts';
import { startDemoIdentity, type DemoIdentity } from '../src/simulation/demo-identity.ts';
import { startIdentityProvider, type RunningIdentityProvider } from '../src/simulation/identity-provider/server.ts';
import { CookieJar, logInOverHttp, step } from '../src/simulation/identity-provider/http-login.ts';
import { DEMO_IDP_CLIENT, DEMO_IDP_PASSWORD, DEMO_MUNICIPAL_ACCOUNTS } from '../src/simulation/identity-provider/demo-accounts.ts';
import type { MunicipalAccount } from '../src/simulation/identity-provider/profiles.ts';

/** A session at the platform through its /sso/start and /sso/terug, logging in at the provider in between. */
async function ssoLogin(p: TestPlatform, provider: string, username: string, password = DEMO_IDP_PASSWORD) {
  const jar = new CookieJar();
  const start = await step(jar, `${p.url}/sso/start?aanbieder=${provider}&next=/werklijst`);
  assert.equal(start.status, 303, start.body);
  const atProvider = await logInOverHttp(start.location!, username, password);
  assert.ok(atProvider.callbackUrl, atProvider.page?.body);
  const back = await step(jar, atProvider.callbackUrl!);
  return { jar, back, callbackUrl: atProvider.callbackUrl! };
}

const auditOf = (p: TestPlatform, outcome: 'refused' | 'success') =>
  p.deps.db.selectFrom('audit_log').select(['detail', 'actor_id', 'organisation_id']).where('activity', '=', 'session.login').where('outcome', '=', outcome).orderBy('id', 'desc').execute();

for (const engine of ENGINES) {
  describe(`single sign-on through an organisation's OpenID provider (${engine.name})`, () => {
    let p: TestPlatform;
    let demo: DemoIdentity;
    let amsterdam: string;
    // A provider that lies: it is Rotterdam's, and vouches for people with Amsterdam's addresses.
    let rogue: RunningIdentityProvider;
    let rotterdam: string;
    const stranger: MunicipalAccount = { ...DEMO_MUNICIPAL_ACCOUNTS[0]!, username: 'indringer', sub: 'rogue-1' };

    before(async () => {
      p = await startTestPlatform(engine);
      demo = await startDemoIdentity({ platformUrl: p.url });
      await connectDemoIdentity(p.deps, demo.connection);
      amsterdam = (await p.deps.db.selectFrom('identity_providers').select('id').where('organisation_id', '=', 'GM0363').executeTakeFirstOrThrow()).id;
      rogue = await startIdentityProvider({
        profile: 'municipal',
        accounts: [stranger],
        clients: [{ clientId: 'rotterdam', clientSecret: 'rotterdam-secret', redirectUris: [`${p.url}/sso/terug`] }],
        issuerPath: '/rotterdam',
        onServerError: () => {},
      });
    });
    after(async () => {
      await rogue.stop();
      await demo.stop();
      await p.close();
    });

    it('logs a municipal worker in just in time, with the role their group maps to, and the same account the next time', async () => {
      const first = await ssoLogin(p, amsterdam, 'sso-medewerker@amsterdam.demo');
      assert.equal(first.back.status, 200);
      assert.match(first.back.body, /http-equiv="refresh" content="0;url=\/werklijst"/);
      const worklist = await step(first.jar, `${p.url}/werklijst`);
      assert.equal(worklist.status, 200);
      assert.match(worklist.body, /Noor Visser/);
      const user = await p.deps.db.selectFrom('users').select(['id', 'roles', 'organisation_id', 'password_hash']).where('email', '=', 'sso-medewerker@amsterdam.demo').executeTakeFirstOrThrow();
      assert.deepEqual(user.roles, ['municipal_worker']);
      assert.equal(user.organisation_id, 'GM0363');
      const second = await ssoLogin(p, amsterdam, 'sso-medewerker@amsterdam.demo');
      assert.equal(second.back.status, 200);
      const users = await p.deps.db.selectFrom('users').select('id').where('email', '=', 'sso-medewerker@amsterdam.demo').execute();
      assert.equal(users.length, 1);
      const [audit] = await auditOf(p, 'success');
      assert.equal((audit!.detail as { via: string }).via, 'oidc');
      assert.equal(audit!.actor_id, user.id);
    });

    it('gives a coordinator the coordinator role, and refuses a person none of whose groups maps to a role', async () => {
      const coordinator = await ssoLogin(p, amsterdam, 'sso-coordinator@amsterdam.demo');
      assert.equal(coordinator.back.status, 200);
      assert.equal((await step(coordinator.jar, `${p.url}/afwegingskader`)).status, 200);
      const noRole = await ssoLogin(p, amsterdam, 'sso-zonderrol@amsterdam.demo');
      assert.equal(noRole.back.status, 403);
      assert.match(noRole.back.body, /geen rol in dit platform/);
      assert.equal(await p.deps.db.selectFrom('users').select('id').where('email', '=', 'sso-zonderrol@amsterdam.demo').executeTakeFirst(), undefined);
      const [audit] = await auditOf(p, 'refused');
      assert.equal((audit!.detail as { reason: string }).reason, 'no-role');
    });

    it('never lets another organisation\'s provider log a person into Amsterdam, whatever it claims', async () => {
      // The demo has no admin for Rotterdam: one is added, with the demo password.
      await p.deps.db.insertInto('users').values({ organisation_id: 'GM0599', email: 'beheer@rotterdam.demo', display_name: 'Beheer Rotterdam', password_hash: (await p.deps.db.selectFrom('users').select('password_hash').where('email', '=', 'medewerker@rotterdam.demo').executeTakeFirstOrThrow()).password_hash, roles: ['municipal_admin'] }).execute();
      const rotAdmin = await webLogin(p, 'beheer@rotterdam.demo');
      const form = {
        displayName: 'Rotterdam',
        issuer: demo.municipal.issuer,
        clientId: 'rotterdam',
        clientAuth: 'client_secret_basic',
        credential: 'rotterdam-secret',
        scopes: 'openid email profile groups',
        roleClaim: 'groups',
        roleMap: 'vroegsignalering-medewerkers = municipal_worker',
        allowedEmailDomains: 'rotterdam.demo, amsterdam.demo',
        enabled: '1',
      };
      // Amsterdam's issuer is Amsterdam's: Rotterdam cannot claim it.
      const taken = await rotAdmin.post('/eenmalig-inloggen', form);
      assert.equal(taken.status, 400);
      assert.match(taken.html, /al gekoppeld aan een andere organisatie/);
      // Its own (rogue) provider, even with Amsterdam's domain allowed:
      const saved = await rotAdmin.post('/eenmalig-inloggen', { ...form, issuer: rogue.issuer });
      assert.equal(saved.status, 303, saved.html);
      rotterdam = (await p.deps.db.selectFrom('identity_providers').select('id').where('organisation_id', '=', 'GM0599').executeTakeFirstOrThrow()).id;
      const attempt = await ssoLogin(p, rotterdam, 'indringer');
      assert.equal(attempt.back.status, 403);
      assert.match(attempt.back.body, /andere organisatie/);
      const [audit] = await auditOf(p, 'refused');
      assert.equal((audit!.detail as { reason: string }).reason, 'other-organisation');
      assert.equal(audit!.organisation_id, 'GM0599');
      const still = await p.deps.db.selectFrom('users').select(['organisation_id']).where('email', '=', 'sso-medewerker@amsterdam.demo').executeTakeFirstOrThrow();
      assert.equal(still.organisation_id, 'GM0363');
    });

    it("refuses a code from one provider presented to another's login, and a callback without the browser's flow", async () => {
      const jar = new CookieJar();
      // The browser starts a login at Rotterdam's provider…
      const start = await step(jar, `${p.url}/sso/start?aanbieder=${rotterdam}`);
      const state = new URL(start.location!).searchParams.get('state')!;
      // …and is handed a code Amsterdam's provider issued, with Rotterdam's state.
      const other = await step(new CookieJar(), `${p.url}/sso/start?aanbieder=${amsterdam}`);
      const atAmsterdam = await logInOverHttp(other.location!, 'sso-medewerker@amsterdam.demo', DEMO_IDP_PASSWORD);
      const swapped = new URL(atAmsterdam.callbackUrl!);
      swapped.searchParams.set('state', state);
      const back = await step(jar, swapped.href);
      assert.equal(back.status, 403);
      assert.match(back.body, /geen geldig antwoord/);
      const noFlow = await step(new CookieJar(), atAmsterdam.callbackUrl!);
      assert.equal(noFlow.status, 403);
      assert.match(noFlow.body, /verlopen of niet in deze browser begonnen/);
    });

    it('logs out at the provider too, with the ID token as hint', async () => {
      const { jar } = await ssoLogin(p, amsterdam, 'sso-medewerker@amsterdam.demo');
      const page = await step(jar, `${p.url}/werklijst`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const out = await step(jar, `${p.url}/uitloggen`, { form: { _csrf: csrf } });
      // A page that moves on to the provider (a redirect after a form would be blocked by form-action 'self').
      assert.equal(out.status, 200);
      const to = new URL(/http-equiv="refresh" content="0;url=([^"]+)"/.exec(out.body)![1]!.replace(/&amp;/g, '&'));
      assert.ok(to.href.startsWith(`${demo.municipal.issuer}/`), to.href);
      assert.ok(to.searchParams.get('id_token_hint'));
      assert.equal(to.searchParams.get('post_logout_redirect_uri'), `${p.url}/inloggen?uitgelogd=1`);
      assert.equal((await step(jar, `${p.url}/werklijst`)).status, 303);
    });

    it('logs a creditor\'s person in with eHerkenning: the KvK number picks the organisation, EH3 may deliver, EH2 may only read', async () => {
      const eh3 = await ssoLogin(p, 'eherkenning', 'eh3-woningcorporatie');
      assert.equal(eh3.back.status, 200, eh3.back.body);
      assert.equal((await step(eh3.jar, `${p.url}/aanleveren`)).status, 200);
      const user = await p.deps.db.selectFrom('users').select(['organisation_id', 'roles', 'email']).where('display_name', '=', 'Ilse de Jong').executeTakeFirstOrThrow();
      assert.equal(user.organisation_id, 'demo-woningcorporatie');
      assert.deepEqual(user.roles, ['sender']);
      assert.match(user.email, /@eherkenning\.invalid$/);
      const eh2 = await ssoLogin(p, 'eherkenning', 'eh2-woningcorporatie');
      assert.equal(eh2.back.status, 200);
      assert.equal((await step(eh2.jar, `${p.url}/signalen`)).status, 200);
      const refused = await step(eh2.jar, `${p.url}/aanleveren`);
      assert.equal(refused.status, 403);
      assert.match(refused.body, /ingelogd met eHerkenning op niveau EH2\. Voor het aanleveren van signalen is EH3 of hoger nodig/);
      // Another page the role does not give at all: the plain refusal.
      assert.doesNotMatch((await step(eh2.jar, `${p.url}/werklijst`)).body, /niveau EH2/);
      const session = await p.deps.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select(['sessions.assurance_level', 'sessions.via']).where('users.display_name', '=', 'Bram Jansen').executeTakeFirstOrThrow();
      assert.deepEqual(session, { assurance_level: 'EH2', via: 'eherkenning' });
      const unknown = await ssoLogin(p, 'eherkenning', 'eh3-onbekend-bedrijf');
      assert.equal(unknown.back.status, 403);
      assert.match(unknown.back.body, /geen aangesloten schuldeiser/);
    });

    it('takes its own address for the redirect URI, never the Host header a caller sends', async () => {
      // node:http, not fetch: fetch may not send a Host header of its own choosing.
      const location = await new Promise<string>((resolve, reject) => {
        const req = request(`${p.url}/sso/start?aanbieder=${amsterdam}`, { headers: { host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.headers.location ?? '');
        });
        req.on('error', reject).end();
      });
      assert.equal(new URL(location).searchParams.get('redirect_uri'), `${p.url}/sso/terug`);
    });

    it('checks an admin\'s provider settings and says what is wrong', async () => {
      const admin = await webLogin(p, 'beheer@amsterdam.demo');
      const r = await admin.post('/eenmalig-inloggen', {
        displayName: 'Amsterdam',
        issuer: 'http://idp.example.nl',
        clientId: DEMO_IDP_CLIENT.clientId,
        clientAuth: 'client_secret_basic',
        credential: '',
        scopes: 'email',
        roleClaim: 'groups',
        roleMap: 'x = operator_admin\nzonder-rol',
        allowedEmailDomains: 'amsterdam',
        enabled: '1',
      });
      assert.equal(r.status, 400);
      for (const text of ['Gebruik een https-adres', '"openid"', 'Rol "operator_admin" kan uw organisatie niet toekennen', 'Regel "zonder-rol"', '"amsterdam" is geen domeinnaam'])
        assert.ok(r.html.includes(text.replace(/"/g, '&quot;')), text);
      const page = await admin.get('/eenmalig-inloggen');
      assert.equal(page.status, 200);
      assert.ok(!page.html.includes(DEMO_IDP_CLIENT.clientSecret));
      assert.match(page.html, /\/sso\/terug/);
    });
  });
}
