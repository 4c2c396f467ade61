import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e164 } from './sms.ts';
import { CHANNELS, compose, defaultTemplate, LANGUAGES, letterDate, municipalityShortName, validateTemplate } from './templates.ts';

describe('outreach templates', () => {
  it('has a valid default for every channel and language that merges to text without codes', () => {
    for (const channel of CHANNELS)
      for (const language of LANGUAGES) {
        const t = defaultTemplate(channel, language);
        assert.deepEqual(validateTemplate(t), {}, `${channel}/${language}`);
        const c = compose(t, { naam: 'J. Jansen', adres: 'Dam 1, 1012 JS Amsterdam', gemeente: 'Amsterdam', datum: '5 december 2026' });
        assert.doesNotMatch(c.subject + c.body, /[{}]/);
        assert.match(c.body, /Amsterdam/);
      }
  });

  it('keeps the SMS short enough for at most three text messages', () => {
    for (const language of LANGUAGES) assert.ok(compose(defaultTemplate('sms', language), { naam: '', adres: '', gemeente: 'Súdwest-Fryslân', datum: '' }).body.length <= 459);
  });

  it('refuses unknown merge fields, an empty text and an e-mail without subject', () => {
    const t = defaultTemplate('email', 'nl');
    assert.match(validateTemplate({ ...t, body: 'Uw BSN: {{bsn}}' }).body ?? '', /unknown merge field: bsn/);
    assert.ok(validateTemplate({ ...t, body: '  ' }).body);
    assert.ok(validateTemplate({ ...t, subject: '' }).subject);
    assert.ok(validateTemplate({ ...t, contactPhone: 'bel ons' }).contactPhone);
    assert.deepEqual(validateTemplate({ ...defaultTemplate('sms', 'nl'), subject: '' }), {});
  });

  it('writes dates and municipality names as a letter does', () => {
    assert.equal(letterDate('2026-12-05', 'nl'), '5 december 2026');
    assert.equal(letterDate('2026-03-01', 'en'), '1 March 2026');
    assert.equal(municipalityShortName('Gemeente Amsterdam'), 'Amsterdam');
  });

  it('writes Dutch phone numbers in E.164 for the SMS provider', () => {
    assert.equal(e164('06 1234 5678'), '+31612345678');
    assert.equal(e164('0031-6-12345678'), '+31612345678');
    assert.equal(e164('+31 20 555 0101'), '+31205550101');
    assert.equal(e164('bel ons'), null);
  });
});
