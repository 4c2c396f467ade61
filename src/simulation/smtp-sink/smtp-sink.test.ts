import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSmtpMailer, MailNotSent } from '../../infra/mail/smtp-mailer.ts';
import { startSmtpSink } from './smtp-sink.ts';

const message = (to: string, subject = 'Onderwerp') => ({ to, subject, text: 'Hallo\n\nhttp://x.test/a?token=abc\n', html: '<p>Hallo</p>' });

describe('the local SMTP sink and the SMTP mailer', () => {
  it('receives what the mailer sends over SMTP, keeps it in memory and in the mailbox folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vs-mailbox-'));
    const sink = await startSmtpSink({ mailboxDir: dir });
    const mailer = createSmtpMailer({ host: sink.host, port: sink.port, secure: false }, 'vroegsignaal <noreply@vroegsignaal.test>');
    try {
      const waiting = sink.waitFor('Anna@Example.org');
      await mailer.send(message('anna@example.org', 'Nieuw wachtwoord — één keer'));
      const m = await waiting;
      assert.deepEqual(m.to, ['anna@example.org']);
      assert.equal(m.from, 'noreply@vroegsignaal.test');
      assert.equal(m.subject, 'Nieuw wachtwoord — één keer');
      assert.match(m.text, /token=abc/);
      assert.equal(m.html.trim(), '<p>Hallo</p>');
      assert.ok(m.file?.startsWith(dir));
      assert.deepEqual(await readdir(dir), [path.basename(m.file!)]);
      assert.match(await readFile(m.file!, 'utf8'), /^Subject: /m);

      // A message that came before the wait is found too, and each is returned once.
      await mailer.send(message('anna@example.org', 'tweede'));
      await mailer.send(message('bob@example.org', 'voor bob'));
      assert.equal((await sink.waitFor('anna@example.org')).subject, 'tweede');
      await assert.rejects(sink.waitFor('anna@example.org', { timeoutMs: 200 }), /no mail/);
      assert.equal((await sink.waitFor('bob@example.org')).subject, 'voor bob');
      assert.equal(sink.messages().length, 3);
    } finally {
      mailer.close();
      await sink.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('logs in with the user and password of an SMTP_URL; a wrong password or no server is MailNotSent', async () => {
    const sink = await startSmtpSink({ auth: { user: 'relay', password: 's3cret' } });
    try {
      const good = createSmtpMailer({ url: `smtp://relay:s3cret@127.0.0.1:${sink.port}` }, 'noreply@vroegsignaal.test');
      await good.send(message('c@example.org'));
      assert.equal((await sink.waitFor('c@example.org')).subject, 'Onderwerp');
      good.close();
      const bad = createSmtpMailer({ url: `smtp://relay:wrong@127.0.0.1:${sink.port}` }, 'noreply@vroegsignaal.test');
      await assert.rejects(bad.send(message('d@example.org')), (e: unknown) => e instanceof MailNotSent && !e.message.includes('d@example.org'));
      bad.close();
    } finally {
      await sink.close();
    }
    const nowhere = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false }, 'noreply@vroegsignaal.test');
    await assert.rejects(nowhere.send(message('e@example.org')), MailNotSent);
    nowhere.close();
  });
});
