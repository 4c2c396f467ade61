import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkTotpCode, groupSecret, timeStep, totpCodeAt, totpUri } from './totp.ts';
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeFrom } from './recovery-codes.ts';
import { browserLabel, truncateUserAgent, USER_AGENT_MAX } from './user-agent.ts';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (ASCII), whose 8-digit codes end in these 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes', () => {
  it('computes the RFC 6238 test vectors (6 digits, SHA-1, 30 s)', () => {
    assert.equal(totpCodeAt(RFC_SECRET, at(59)), '287082');
    assert.equal(totpCodeAt(RFC_SECRET, at(1111111109)), '081804');
    assert.equal(totpCodeAt(RFC_SECRET, at(1234567890)), '005924');
    assert.equal(totpCodeAt(RFC_SECRET, at(2000000000)), '279037');
  });

  it('accepts the code of now and of one step either side, not two', () => {
    const now = at(1234567890);
    const step = timeStep(now);
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, now), now, null), { ok: true, step });
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 - 30)), now, null), { ok: true, step: step - 1 });
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 + 30)), now, null), { ok: true, step: step + 1 });
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 - 60)), now, null), { ok: false, reason: 'wrong' });
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 + 60)), now, null), { ok: false, reason: 'wrong' });
  });

  it('refuses a code whose step was used already, and any earlier step', () => {
    const now = at(1234567890);
    const code = totpCodeAt(RFC_SECRET, now);
    const first = checkTotpCode(RFC_SECRET, code, now, null);
    assert.ok(first.ok);
    assert.deepEqual(checkTotpCode(RFC_SECRET, code, now, first.step), { ok: false, reason: 'reused' });
    // Still within the window 30 s later: still refused.
    assert.deepEqual(checkTotpCode(RFC_SECRET, code, at(1234567890 + 30), first.step), { ok: false, reason: 'reused' });
    assert.deepEqual(checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 - 30)), now, first.step), { ok: false, reason: 'reused' });
    // The next step's code is new.
    const next = checkTotpCode(RFC_SECRET, totpCodeAt(RFC_SECRET, at(1234567890 + 30)), at(1234567890 + 30), first.step);
    assert.deepEqual(next, { ok: true, step: first.step + 1 });
  });

  it('takes spaces in a typed code, refuses what is no code', () => {
    const now = at(1234567890);
    const code = totpCodeAt(RFC_SECRET, now);
    assert.ok(checkTotpCode(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok);
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a'])
      assert.deepEqual(checkTotpCode(RFC_SECRET, bad, now, null), { ok: false, reason: 'malformed' });
  });

  it('writes the otpauth URI authenticator apps read, and groups the secret for typing', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'Vroegsignaal', 'a@b.nl'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(uri.searchParams.get('secret'), RFC_SECRET);
    assert.equal(uri.searchParams.get('issuer'), 'Vroegsignaal');
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
  });
});

describe('recovery codes', () => {
  it('makes codes of 10 unambiguous characters in two groups', () => {
    const code = recoveryCodeFrom(new Uint8Array([0, 1, 2, 31, 32, 33, 200, 255, 17, 18]));
    assert.equal(code, '012z0-18zhj');
    assert.equal(RECOVERY_CODE_COUNT, 8);
  });

  it('reads a code as typed: case, dashes, spaces and look-alike letters do not matter', () => {
    assert.equal(normaliseRecoveryCode('ABCDE-FGH1K'), 'abcdefgh1k');
    assert.equal(normaliseRecoveryCode(' abcde fghik '), 'abcdefgh1k');
    assert.equal(normaliseRecoveryCode('oOiIl-12345'), '0011112345');
    assert.equal(normaliseRecoveryCode('abcde-fgh'), undefined);
    assert.equal(normaliseRecoveryCode('abcde-fghu1'), undefined);
    assert.equal(normaliseRecoveryCode('123456'), undefined);
  });
});

describe('browser labels for the session list', () => {
  it('names common browsers and systems in a few words', () => {
    assert.equal(browserLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'), 'Chrome, Windows');
    assert.equal(browserLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'), 'Edge, Windows');
    assert.equal(browserLabel('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'), 'Firefox, Linux');
    assert.equal(browserLabel('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'), 'Safari, macOS');
    assert.equal(browserLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'), 'Safari, iOS');
    assert.equal(browserLabel('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'), 'Chrome, Android');
    assert.equal(browserLabel('curl/8.5.0'), undefined);
    assert.equal(browserLabel(undefined), undefined);
  });

  it('stores a user agent truncated', () => {
    assert.equal(truncateUserAgent('x'.repeat(1000))?.length, USER_AGENT_MAX);
    assert.equal(truncateUserAgent(undefined), null);
  });
});
