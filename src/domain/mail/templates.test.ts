import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invitationMail, mailMessages, passwordResetMail } from './templates.ts';

const link = 'https://vroegsignaal.example.nl/wachtwoord-herstellen?token=abc_DEF-123';

describe('mail templates', () => {
  it('a reset mail in Dutch and English: the link in the text and as a link in the HTML, how long it works', () => {
    const nl = passwordResetMail('nl', { name: 'Anna de Vries', link, hours: 1 });
    assert.equal(nl.subject, 'Nieuw wachtwoord voor vroegsignaal');
    assert.match(nl.text, /^Beste Anna de Vries,/);
    assert.ok(nl.text.includes(`\n${link}\n`), 'the link on a line of its own');
    assert.match(nl.text, /De link werkt 1 uur, en maar één keer\./);
    assert.match(nl.html, /<html lang="nl">/);
    assert.ok(nl.html.includes(`<a href="${link}">Kies een nieuw wachtwoord</a>`));
    const en = passwordResetMail('en', { name: 'Anna', link, hours: 2 });
    assert.equal(en.subject, 'New password for vroegsignaal');
    assert.match(en.text, /works for 2 hours/);
    assert.match(en.html, /<html lang="en">/);
  });

  it('an invitation names the organisation and escapes names in the HTML', () => {
    const m = invitationMail('nl', { name: 'Jan <b>&</b>', organisation: 'Gemeente "Ons Dorp"', link, days: 7 });
    assert.equal(m.subject, 'Uitnodiging voor vroegsignaal van Gemeente "Ons Dorp"');
    assert.match(m.text, /Beste Jan <b>&<\/b>,/);
    assert.match(m.text, /De link werkt 7 dagen/);
    assert.ok(m.html.includes('Beste Jan &lt;b&gt;&amp;&lt;/b&gt;,'));
    assert.ok(m.html.includes('Gemeente &quot;Ons Dorp&quot;'));
    assert.ok(!m.html.includes('<b>'));
    assert.match(invitationMail('en', { name: 'Jan', organisation: 'X', link, days: 7 }).text, /works for 7 days/);
  });

  it('has every text in both languages', () => {
    assert.deepEqual(Object.keys(mailMessages.messages.en).sort(), Object.keys(mailMessages.messages.nl).sort());
  });
});
