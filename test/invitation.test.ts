import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { linkIn, startMailSink } from './helpers/mail.ts';
import { getPage, openPublicForm, postPublicForm } from './helpers/public-form.ts';
import { webLogin, type WebSession } from './helpers/web.ts';

const PASSWORD = 'mijn eigen wachtwoord';

for (const engine of ENGINES) {
  describe(`inviting users by e-mail (${engine.name})`, () => {
    let p: TestPlatform;
    let mail: Awaited<ReturnType<typeof startMailSink>>;
    let admin: WebSession;
    let offsetMs = 0;

    before(async () => {
      mail = await startMailSink();
      p = await startTestPlatform(engine, { mailer: mail.mailer, now: () => new Date(Date.now() + offsetMs) });
      admin = await webLogin(p, 'beheer@amsterdam.demo');
    });
    after(async () => {
      await p?.close();
      await mail?.close();
    });

    const invite = (email: string, extra: Record<string, string> = {}) =>
      admin.post('/gebruikers', { displayName: 'Nieuwe Collega', email, roles: 'municipal_worker', locale: 'nl', intent: 'invite', ...extra });
    const userId = async (email: string) => (await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const accept = (link: URL, password = PASSWORD) => postPublicForm(p, link.pathname + link.search, { token: link.searchParams.get('token')!, password, password2: password });

    it('invites a new user, who chooses a password through the link and logs in', async () => {
      const users = await admin.get('/gebruikers');
      assert.match(users.html, /value="invite" name="intent">Uitnodigen</);
      assert.match(users.html, />Toevoegen met wachtwoord</);

      const email = 'nieuw@amsterdam.demo';
      const r = await invite(email);
      assert.equal(r.status, 303);
      assert.equal(r.location, '/gebruikers?uitgenodigd=1');
      const list = await admin.get(r.location!);
      assert.match(list.html, /De uitnodiging is verstuurd\./);
      assert.match(list.html, /nieuw@amsterdam\.demo<\/td><td[^>]*>[^<]*<\/td><td[^>]*>uitgenodigd</);

      const m = await mail.sink.waitFor(email);
      assert.equal(m.subject, 'Uitnodiging voor vroegsignaal van Gemeente Amsterdam');
      assert.match(m.text, /^Beste Nieuwe Collega,/);
      assert.match(m.text, /De link werkt 7 dagen, en maar één keer\./);
      const link = linkIn(m);
      assert.equal(link.pathname, '/uitnodiging');

      await assert.rejects(webLogin(p, email, ''), /login failed/);
      await assert.rejects(webLogin(p, email, 'welk wachtwoord dan ook'), /login failed: 401/, 'no password works before one is chosen');
      // "Forgot password" does not give an invited user a password: the invitation does.
      assert.equal((await postPublicForm(p, '/wachtwoord-vergeten', { email })).status, 303);
      await sleep(300);
      assert.equal(mail.sink.messages().filter((x) => x.to.includes(email)).length, 1);

      const page = await getPage(p, link.pathname + link.search);
      assert.equal(page.status, 200);
      assert.match(page.html, /Uitnodiging: kies uw wachtwoord/);
      assert.equal((await accept(link, 'kort')).status, 400);
      const done = await accept(link);
      assert.equal(done.status, 303);
      assert.equal(done.location, '/uitnodiging?klaar=1');
      assert.match((await getPage(p, done.location)).html, /Uw wachtwoord is opgeslagen\. Uw account is klaar\./);

      const session = await webLogin(p, email, PASSWORD);
      assert.equal((await session.get('/werklijst')).status, 200, 'with the roles the admin gave');
      assert.equal((await getPage(p, link.pathname + link.search)).status, 410, 'the link works once');
      assert.match((await admin.get('/gebruikers')).html, /nieuw@amsterdam\.demo<\/td><td[^>]*>[^<]*<\/td><td[^>]*>actief</);

      const audit = await p.deps.db.selectFrom('audit_log').select(['activity', 'outcome', 'actor_id']).where('activity', 'in', ['user.create', 'user.invite', 'user.invitation.accept']).orderBy('seq').execute();
      const adminId = await userId('beheer@amsterdam.demo');
      const id = await userId(email);
      assert.deepEqual(
        audit.map((a) => [a.activity, a.outcome, a.actor_id]),
        [
          ['user.create', 'success', adminId],
          ['user.invite', 'success', adminId],
          ['user.invitation.accept', 'success', id],
        ],
      );
    });

    it('invites again: the earlier link stops working, an expired invitation shows and can be renewed', async () => {
      const email = 'later@amsterdam.demo';
      assert.equal((await invite(email, { locale: 'en' })).status, 303);
      const first = await mail.sink.waitFor(email);
      assert.equal(first.subject, 'Invitation to vroegsignaal from Gemeente Amsterdam', 'in the language chosen for the user');
      const id = await userId(email);

      offsetMs = 7 * 24 * 3600_000 + 60_000;
      try {
        // A week on, the admin's session has long expired.
        admin = await webLogin(p, 'beheer@amsterdam.demo');
        assert.equal((await getPage(p, linkIn(first).pathname + linkIn(first).search)).status, 410);
        assert.match((await getPage(p, linkIn(first).pathname + linkIn(first).search)).html, /Deze link is verlopen\.[\s\S]*Vraag de beheerder van uw organisatie om een nieuwe uitnodiging\./);
        assert.match((await admin.get('/gebruikers')).html, /later@amsterdam\.demo<\/td><td[^>]*>[^<]*<\/td><td[^>]*>uitnodiging verlopen</);
        const userPage = await admin.get(`/gebruikers/${id}`);
        assert.match(userPage.html, /De uitnodiging van deze gebruiker is verlopen/);
        assert.match(userPage.html, new RegExp(`action="/gebruikers/${id}/uitnodigen"`));

        const again = await admin.post(`/gebruikers/${id}/uitnodigen`, {});
        assert.equal(again.status, 303);
        const second = await mail.sink.waitFor(email);
        assert.notEqual(linkIn(second).href, linkIn(first).href);
        assert.match((await admin.get('/gebruikers')).html, /later@amsterdam\.demo<\/td><td[^>]*>[^<]*<\/td><td[^>]*>uitgenodigd</);

        // A third invitation: the second link stops working at once.
        assert.equal((await admin.post(`/gebruikers/${id}/uitnodigen`, {})).status, 303);
        const third = await mail.sink.waitFor(email);
        assert.equal((await getPage(p, linkIn(second).pathname + linkIn(second).search)).status, 410);
        assert.equal((await accept(linkIn(third))).status, 303);
        await webLogin(p, email, PASSWORD);
      } finally {
        offsetMs = 0;
        // Sessions opened in the week ahead made the real ones look expired; they were cleared.
        admin = await webLogin(p, 'beheer@amsterdam.demo');
      }

      const refused = await admin.post(`/gebruikers/${id}/uitnodigen`, {});
      assert.equal(refused.status, 400, 'a user with a password is not invited again');
      assert.match(refused.html, /Deze gebruiker heeft al een wachtwoord gekozen, of is niet uitgenodigd\./);
      assert.equal((await admin.post(`/gebruikers/${await userId('medewerker@amsterdam.demo')}/uitnodigen`, {})).status, 400);
    });

    it('keeps invitations to the own organisation and to the form', async () => {
      const email = 'ander@amsterdam.demo';
      assert.equal((await invite(email)).status, 303);
      const link = linkIn(await mail.sink.waitFor(email));
      const id = await userId(email);

      const creditor = await webLogin(p, 'aanlevering@demo-woningcorporatie.demo');
      const foreign = await creditor.post(`/gebruikers/${id}/uitnodigen`, {});
      assert.ok([403, 404].includes(foreign.status), `another organisation's admin cannot invite (${foreign.status})`);
      assert.equal((await admin.post(`/gebruikers/${id}/uitnodigen`, {}, { csrf: null })).status, 403, 'the CSRF token is needed');
      await assert.rejects(mail.sink.waitFor(email, { timeoutMs: 300 }), /no mail/);

      // An invitation link does not open the reset page, and a form without its cookie is refused.
      assert.equal((await getPage(p, `/wachtwoord-herstellen?token=${link.searchParams.get('token')}`)).status, 404);
      const tab = await openPublicForm(p, link.pathname + link.search);
      assert.equal((await tab.post({ token: link.searchParams.get('token')!, password: PASSWORD, password2: PASSWORD }, { cookie: false })).status, 403);

      // A disabled user's invitation no longer works, also from a form opened before.
      const openBefore = await openPublicForm(p, link.pathname + link.search);
      assert.equal((await admin.post(`/gebruikers/${id}`, { roles: 'municipal_worker', disabled: '1' })).status, 303);
      assert.equal((await getPage(p, link.pathname + link.search)).status, 404);
      assert.equal((await openBefore.post({ token: link.searchParams.get('token')!, password: PASSWORD, password2: PASSWORD })).status, 404);
      await assert.rejects(webLogin(p, email, PASSWORD), /login failed/);
    });

    it('adds a user with a password as before, and needs the password for that', async () => {
      const missing = await admin.post('/gebruikers', { displayName: 'Met Wachtwoord', email: 'metww@amsterdam.demo', roles: 'municipal_worker', intent: 'password' });
      assert.equal(missing.status, 400);
      assert.match(missing.html, /Vul een eerste wachtwoord in, of kies &quot;Uitnodigen&quot;\./);
      const ok = await admin.post('/gebruikers', { displayName: 'Met Wachtwoord', email: 'metww@amsterdam.demo', roles: 'municipal_worker', password: 'een goed wachtwoord', intent: 'password' });
      assert.equal(ok.status, 303);
      await webLogin(p, 'metww@amsterdam.demo', 'een goed wachtwoord');
      await assert.rejects(mail.sink.waitFor('metww@amsterdam.demo', { timeoutMs: 300 }), /no mail/);
    });

    it('says e-mail is not set up, and stores no user, when nothing can send the invitation', async () => {
      const mailer = p.deps.mailer;
      delete p.deps.mailer;
      try {
        const r = await invite('zonder-mail@amsterdam.demo');
        assert.equal(r.status, 503);
        assert.match(r.html, /E-mail is niet ingesteld voor dit platform\. Daarom kunt u niemand uitnodigen\./);
        assert.match(r.html, /value="zonder-mail@amsterdam\.demo"/, 'the form keeps what was typed');
        assert.equal(await p.deps.db.selectFrom('users').select('id').where('email', '=', 'zonder-mail@amsterdam.demo').executeTakeFirst(), undefined);
      } finally {
        p.deps.mailer = mailer!;
      }
    });

    it('tells the admin when the mail server refuses, and the user can be invited again', async () => {
      const mailer = p.deps.mailer!;
      p.deps.mailer = { send: () => Promise.reject(new Error('554 refused')) };
      try {
        const r = await invite('geweigerd@amsterdam.demo');
        assert.equal(r.status, 502);
        assert.match(r.html, /De gebruiker is aangemaakt, maar de e-mail kon niet worden verstuurd\./);
      } finally {
        p.deps.mailer = mailer;
      }
      const id = await userId('geweigerd@amsterdam.demo');
      assert.equal((await admin.post(`/gebruikers/${id}/uitnodigen`, {})).status, 303);
      assert.equal((await accept(linkIn(await mail.sink.waitFor('geweigerd@amsterdam.demo')))).status, 303);
    });
  });
}
