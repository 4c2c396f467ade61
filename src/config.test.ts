import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseSmsProvider, parseSmtp, parseTrustProxy, productionProblems } from './config.ts';

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told which', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy(''), false);
    assert.equal(parseTrustProxy('false'), false);
  });
  it('takes a hop count or a list of addresses and CIDR ranges', () => {
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.5, 10.1.0.0/16'), ['10.0.0.5', '10.1.0.0/16']);
  });
  it('refuses `true` (every sender) and what is no address', () => {
    assert.throws(() => parseTrustProxy('true'), ConfigError);
    assert.throws(() => parseTrustProxy('evil.example'), ConfigError);
  });
});

describe('production start checks', () => {
  const keys = { PSEUDONYM_KEY: 'p'.repeat(40), AUDIT_MAC_KEY: 'a'.repeat(40), SECRETS_KEY: 's'.repeat(40) };
  it('refuses checkpoints of the audit trail in their default place beside the database', () => {
    const env = { NODE_ENV: 'production', ...keys };
    assert.deepEqual(productionProblems(loadConfig(env), env).length, 1);
    assert.match(productionProblems(loadConfig(env), env)[0]!, /AUDIT_CHECKPOINT_DIR is niet gezet/);
    const placed = { ...env, AUDIT_CHECKPOINT_DIR: '/mnt/worm/vroegsignaal' };
    assert.deepEqual(productionProblems(loadConfig(placed), placed), []);
  });
});

describe('e-mail (SMTP_URL, SMTP_HOST…, MAIL_FROM)', () => {
  it('has no mail server unless one is named, and the demo mailbox port defaults to 2525', () => {
    const c = loadConfig({});
    assert.equal(c.smtp, undefined);
    assert.equal(c.mailSinkPort, 2525);
    assert.equal(loadConfig({ MAIL_SINK_PORT: '2600' }).mailSinkPort, 2600);
  });

  it('takes a connection URL, or its parts with TLS from the start on port 465', () => {
    assert.deepEqual(parseSmtp({ SMTP_URL: 'smtp://u:p@mail.example.nl:587', MAIL_FROM: 'noreply@example.nl' }), { smtp: { url: 'smtp://u:p@mail.example.nl:587' }, mailFrom: 'noreply@example.nl' });
    assert.deepEqual(parseSmtp({ SMTP_HOST: 'mail.example.nl', MAIL_FROM: 'x@example.nl' }).smtp, { host: 'mail.example.nl', port: 587, secure: false, user: undefined, password: undefined });
    assert.deepEqual(parseSmtp({ SMTP_HOST: 'mail.example.nl', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD: 'p', MAIL_FROM: 'x@example.nl' }).smtp, { host: 'mail.example.nl', port: 465, secure: true, user: 'u', password: 'p' });
    assert.equal((parseSmtp({ SMTP_HOST: 'h', SMTP_PORT: '2525', SMTP_SECURE: 'true', MAIL_FROM: 'x@example.nl' }).smtp as { secure: boolean }).secure, true);
  });

  it('refuses a mail server without a sender, a URL of another scheme and a port that is none', () => {
    assert.throws(() => parseSmtp({ SMTP_URL: 'smtp://mail.example.nl' }), (e: unknown) => e instanceof ConfigError && /MAIL_FROM/.test(e.message));
    assert.throws(() => parseSmtp({ SMTP_URL: 'http://mail.example.nl', MAIL_FROM: 'x@example.nl' }), /smtp:\/\/ of smtps:\/\//);
    assert.throws(() => parseSmtp({ SMTP_HOST: 'h', SMTP_PORT: 'abc', MAIL_FROM: 'x@example.nl' }), /SMTP_PORT/);
  });
});

describe('SMS provider (SMS_PROVIDER_URL, SMS_PROVIDER_TOKEN)', () => {
  it('is absent without a URL, takes http(s) with a token, and refuses a token alone or another scheme', () => {
    assert.equal(parseSmsProvider({}), undefined);
    assert.deepEqual(parseSmsProvider({ SMS_PROVIDER_URL: 'https://sms.example.nl/v1/messages', SMS_PROVIDER_TOKEN: 'secret' }), { url: 'https://sms.example.nl/v1/messages', token: 'secret' });
    assert.throws(() => parseSmsProvider({ SMS_PROVIDER_TOKEN: 'secret' }), ConfigError);
    assert.throws(() => parseSmsProvider({ SMS_PROVIDER_URL: 'ftp://sms.example.nl' }), ConfigError);
    assert.equal(loadConfig({ SMS_PROVIDER_URL: 'http://127.0.0.1:9/sms' }).smsProvider?.url, 'http://127.0.0.1:9/sms');
  });
});
