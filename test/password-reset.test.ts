import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENGINES } from './helpers/engines.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { linkIn, startMailSink } from './helpers/mail.ts';
import { getPage, openPublicForm, postPublicForm } from './helpers/public-form.ts';
import { webLogin } from './helpers/web.ts';
import { requestPasswordReset } from '../src/app/auth/password-reset.ts';
import { MailNotConfigured } from '../src/domain/mail/mailer.ts';

const NEW_PASSWORD = 'een nieuwe lange zin';

for (const engine of ENGINES) {
  describe(`password reset by e-mail (${engine.name})`, () => {
    let p: TestPlatform;
    let mail: Awaited<ReturnType<typeof startMailSink>>;
    // The platform's clock, moved forward to let links expire.
    let offsetMs = 0;

    before(async () => {
      mail = await startMailSink();
      p = await startTestPlatform(engine, { mailer: mail.mailer, now: () => new Date(Date.now() + offsetMs) });
    });
    after(async () => {
      await p?.close();
      await mail?.close();
    });

    const forgot = (email: string) => postPublicForm(p, '/wachtwoord-vergeten', { email });
    const linkFor = async (email: string) => {
      const r = await forgot(email);
      assert.equal(r.status, 303);
      return linkIn(await mail.sink.waitFor(email));
    };
    const setPassword = (link: URL, password: string, password2 = password) =>
      postPublicForm(p, link.pathname + link.search, { token: link.searchParams.get('token')!, password, password2 });

    it('mails a link that sets a new password once, ends every session, and the new password logs in', async () => {
      const email = 'medewerker@amsterdam.demo';
      const earlier = await webLogin(p, email);
      const login = await getPage(p, '/inloggen');
      assert.match(login.html, /href="\/wachtwoord-vergeten">Wachtwoord vergeten\?</);

      const asked = await forgot('  Medewerker@Amsterdam.demo ');
      assert.equal(asked.status, 303);
      assert.equal(asked.location, '/wachtwoord-vergeten?verstuurd=1');
      assert.match((await getPage(p, asked.location)).html, /Hoort dit e-mailadres bij een account\? Dan krijgt u binnen een paar minuten een e-mail/);

      const m = await mail.sink.waitFor(email);
      assert.equal(m.subject, 'Nieuw wachtwoord voor vroegsignaal');
      assert.equal(m.from, 'noreply@vroegsignaal.test');
      assert.match(m.text, /^Beste Sanne de Wit \(Amsterdam\),/);
      assert.match(m.text, /De link werkt 1 uur, en maar één keer\./);
      const link = linkIn(m);
      assert.equal(link.origin, 'http://localhost', 'the platform as the request reached it (tests set no PUBLIC_URL; inject calls it localhost)');
      assert.equal(link.pathname, '/wachtwoord-herstellen');
      const textLink = /^https?:\/\/\S+$/m.exec(m.text)![0];
      assert.ok(m.html.includes(`href="${textLink}"`), 'the HTML has the same link');
      const token = link.searchParams.get('token')!;
      assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');

      // Only the token's hash is stored.
      const stored = await p.deps.db.selectFrom('email_tokens').select(['token_hash', 'purpose']).execute();
      assert.ok(stored.every((s) => s.token_hash !== token));
      assert.deepEqual(stored.filter((s) => s.token_hash === createHash('sha256').update(token).digest('hex')).map((s) => s.purpose), ['reset']);

      const form = await getPage(p, link.pathname + link.search);
      assert.equal(form.status, 200);
      assert.match(form.html, /<h1[^>]*>Nieuw wachtwoord kiezen<\/h1>/);
      const secondTab = await openPublicForm(p, link.pathname + link.search);
      const differ = await setPassword(link, NEW_PASSWORD, 'iets anders dan dat');
      assert.equal(differ.status, 400);
      assert.match(differ.html, /De twee wachtwoorden zijn niet hetzelfde\./);
      const short = await setPassword(link, 'te kort');
      assert.equal(short.status, 400);
      assert.match(short.html, /Het wachtwoord is te kort\. Gebruik minstens 12 tekens\./);
      const long = await setPassword(link, 'x'.repeat(201));
      assert.match(long.html, /Het wachtwoord is te lang/);

      const done = await setPassword(link, NEW_PASSWORD);
      assert.equal(done.status, 303);
      assert.equal(done.location, '/wachtwoord-herstellen?klaar=1');
      assert.match((await getPage(p, done.location)).html, /Uw nieuwe wachtwoord is opgeslagen\. U bent overal uitgelogd\./);

      assert.equal((await earlier.get('/werklijst')).status, 303, 'the session from before the reset has ended');
      await assert.rejects(webLogin(p, email), /login failed: 401/, 'the old password no longer works');
      const later = await webLogin(p, email, NEW_PASSWORD);
      assert.equal((await later.get('/werklijst')).status, 200);

      const again = await getPage(p, link.pathname + link.search);
      assert.equal(again.status, 410);
      assert.match(again.html, /Deze link is al gebruikt\. Een link werkt maar één keer\./);
      const reuse = await secondTab.post({ token, password: 'weer een ander wachtwoord', password2: 'weer een ander wachtwoord' });
      assert.equal(reuse.status, 410);
      assert.match(reuse.html, /Deze link is al gebruikt/);
      await webLogin(p, email, NEW_PASSWORD);

      const audit = await p.deps.db.selectFrom('audit_log').select(['activity', 'outcome', 'actor_id', 'detail']).where('activity', 'in', ['password.reset.request', 'password.reset']).orderBy('seq').execute();
      const userId = (await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      assert.deepEqual(
        audit.map((a) => [a.activity, a.outcome, a.actor_id]),
        [
          ['password.reset.request', 'success', userId],
          ['password.reset', 'success', userId],
          ['password.reset', 'refused', userId],
        ],
      );
      assert.ok(!JSON.stringify(audit).includes('amsterdam.demo'), 'the audit trail holds no e-mail address');
    });

    it('answers an unknown address the same, and mails nothing', async () => {
      const known = await forgot('coordinator@amsterdam.demo');
      const unknown = await forgot('niemand@example.org');
      assert.deepEqual([unknown.status, unknown.location], [known.status, known.location]);
      await mail.sink.waitFor('coordinator@amsterdam.demo');
      // The answer came before the work (lookup, audit, mail), for both alike.
      await sleep(500);
      assert.equal(mail.sink.messages().filter((m) => m.to.includes('niemand@example.org')).length, 0);
      const refused = await p.deps.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('activity', '=', 'password.reset.request').where('outcome', '=', 'refused').execute();
      assert.deepEqual(refused.map((r) => [r.actor_id, r.detail]), [['unknown', { reason: 'unknown' }]]);

      const invalid = await forgot('geen adres');
      assert.equal(invalid.status, 400);
      assert.match(invalid.html, /Vul een geldig e-mailadres in\./);
    });

    it('refuses an expired link, and a reset link as an invitation', async () => {
      const email = 'privacy@amsterdam.demo';
      const link = await linkFor(email);
      const inv = await p.app.inject({ method: 'GET', url: `/uitnodiging?token=${link.searchParams.get('token')}` });
      assert.equal(inv.statusCode, 404, 'a reset link does not open the invitation page');

      offsetMs = 61 * 60_000;
      try {
        const expired = await getPage(p, link.pathname + link.search);
        assert.equal(expired.status, 410);
        assert.match(expired.html, /Deze link is verlopen\./);
        assert.match(expired.html, /href="\/wachtwoord-vergeten">Vraag een nieuwe link aan</);
        // The form was fetched before the hour ended and posted after it.
        offsetMs = 0;
        const tab = await openPublicForm(p, link.pathname + link.search);
        offsetMs = 61 * 60_000;
        const late = await tab.post({ token: link.searchParams.get('token')!, password: NEW_PASSWORD, password2: NEW_PASSWORD });
        assert.equal(late.status, 410);
      } finally {
        offsetMs = 0;
      }
      await webLogin(p, email);
      assert.equal((await getPage(p, '/wachtwoord-herstellen?token=nonsense')).status, 404);
      assert.match((await getPage(p, '/wachtwoord-herstellen?token=nonsense')).html, /Deze link werkt niet\./);
    });

    it('mails at most three links an hour per account, answering the same every time', async () => {
      const email = 'evaluator@szw.demo';
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await forgot(email));
      assert.deepEqual(new Set(answers.map((a) => `${a.status} ${a.location}`)).size, 1);
      for (let i = 0; i < 3; i++) await mail.sink.waitFor(email);
      await assert.rejects(mail.sink.waitFor(email, { timeoutMs: 500 }), /no mail/);
      const throttled = await p.deps.db.selectFrom('audit_log').select('detail').where('activity', '=', 'password.reset.request').where('outcome', '=', 'refused').execute();
      assert.ok(throttled.some((t) => (t.detail as { reason?: string }).reason === 'throttled'));
    });

    it('lifts the lock of too many wrong passwords: the mailbox proves who it is', async () => {
      const email = 'beheer@szw.demo';
      for (let i = 0; i < 5; i++) await webLogin(p, email, 'fout wachtwoord').catch(() => undefined);
      await assert.rejects(webLogin(p, email), /login failed: 429/, 'locked, the right password too');
      const link = await linkFor(email);
      assert.equal((await setPassword(link, NEW_PASSWORD)).status, 303);
      await webLogin(p, email, NEW_PASSWORD);
    });

    it('ends a login waiting for its second factor, as it ends sessions', async () => {
      const email = 'beheer@amsterdam.demo';
      const user = await p.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const now = p.deps.now();
      await p.deps.db
        .insertInto('pending_logins')
        .values({ token_hash: 'pending-before-reset', user_id: user.id, step: 'code', account_hash: 'x', csrf_token: 'y', user_agent: null, created_at: now, expires_at: new Date(now.getTime() + 600_000) })
        .execute();
      assert.equal((await setPassword(await linkFor(email), NEW_PASSWORD)).status, 303);
      assert.equal(await p.deps.db.selectFrom('pending_logins').select('token_hash').where('user_id', '=', user.id).executeTakeFirst(), undefined);
    });

    it('writes the mail in the user’s language', async () => {
      const email = 'beheer@platform.demo';
      await p.deps.db.updateTable('users').set({ locale: 'en' }).where('email', '=', email).execute();
      await forgot(email);
      const m = await mail.sink.waitFor(email);
      assert.equal(m.subject, 'New password for vroegsignaal');
      assert.match(m.text, /^Dear Platformbeheer,/);
      assert.match(m.html, /<html lang="en">/);
    });

    it('refuses a form posted without its cookie, and mails nothing', async () => {
      const r = await postPublicForm(p, '/wachtwoord-vergeten', { email: 'medewerker@rotterdam.demo' }, { cookie: false });
      assert.equal(r.status, 403);
      assert.match(r.html, /Het formulier was verlopen/);
      await assert.rejects(mail.sink.waitFor('medewerker@rotterdam.demo', { timeoutMs: 300 }), /no mail/);
    });

    it('says e-mail is not set up when nothing can send it, for every address alike', async () => {
      const mailer = p.deps.mailer;
      delete p.deps.mailer;
      try {
        for (const email of ['medewerker@rotterdam.demo', 'niemand@example.org']) {
          const r = await forgot(email);
          assert.equal(r.status, 503);
          assert.match(r.html, /E-mail is niet ingesteld voor dit platform/);
        }
        assert.throws(() => requestPasswordReset(p.deps, { email: 'medewerker@rotterdam.demo', baseUrl: p.url, traceId: 't', spanId: 's' }), MailNotConfigured);
      } finally {
        p.deps.mailer = mailer!;
      }
    });
  });
}
