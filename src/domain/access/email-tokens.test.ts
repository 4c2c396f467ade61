import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INVITATION_TOKEN_MS, judgeToken, mayMailReset, MAX_RESET_MAILS_PER_HOUR, RESET_TOKEN_MS, tokenExpiresAt } from './email-tokens.ts';
import { passwordProblem } from './password-rules.ts';

const now = new Date('2026-03-02T10:00:00Z');

describe('links sent by e-mail', () => {
  it('a reset link works for an hour, an invitation for a week', () => {
    assert.equal(RESET_TOKEN_MS, 3600_000);
    assert.equal(INVITATION_TOKEN_MS, 7 * 24 * 3600_000);
    assert.equal(tokenExpiresAt('reset', now).toISOString(), '2026-03-02T11:00:00.000Z');
    assert.equal(tokenExpiresAt('invitation', now).toISOString(), '2026-03-09T10:00:00.000Z');
  });

  it('is valid only unused, unexpired and for its own purpose', () => {
    const fresh = { purpose: 'reset' as const, expiresAt: tokenExpiresAt('reset', now), usedAt: null };
    assert.equal(judgeToken(fresh, 'reset', now), 'valid');
    assert.equal(judgeToken(fresh, 'reset', new Date(fresh.expiresAt.getTime() - 1)), 'valid');
    assert.equal(judgeToken(fresh, 'reset', fresh.expiresAt), 'expired', 'the moment it expires it no longer works');
    assert.equal(judgeToken({ ...fresh, usedAt: now }, 'reset', now), 'used');
    assert.equal(judgeToken({ ...fresh, usedAt: now }, 'reset', fresh.expiresAt), 'used', 'used says more than expired');
    assert.equal(judgeToken(fresh, 'invitation', now), 'unknown', 'a reset link does not accept an invitation');
    assert.equal(judgeToken(undefined, 'reset', now), 'unknown');
  });

  it('mails at most three resets an hour per account', () => {
    assert.equal(MAX_RESET_MAILS_PER_HOUR, 3);
    assert.deepEqual([0, 1, 2, 3, 4].map(mayMailReset), [true, true, true, false, false]);
  });
});

describe('password rules', () => {
  it('wants 12 to 200 characters, no composition rules', () => {
    assert.equal(passwordProblem('kort'), 'tooShort');
    assert.equal(passwordProblem('elf-tekens!'), 'tooShort');
    assert.equal(passwordProblem('twaalftekens'), undefined);
    assert.equal(passwordProblem('ééééééééééé'), 'tooShort', 'characters, not bytes');
    assert.equal(passwordProblem('x'.repeat(200)), undefined);
    assert.equal(passwordProblem('x'.repeat(201)), 'tooLong', 'longer than the login form takes');
  });
});
