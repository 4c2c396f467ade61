import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) as every authenticator app supports it: HMAC-SHA-1, 6 digits, 30-second steps.
 * A code is accepted one step either side of now (clock drift, a code typed as it rolls over), and
 * only for a step later than the last one accepted: a code seen once (over a shoulder, in a proxy
 * log) cannot be used again (RFC 6238 § 5.2).
 */
const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const TOTP_ALGORITHM = 'SHA1';
const WINDOW = 1;

/** The time step of a moment: whole periods since the Unix epoch. */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'reused' };

/** A code as typed: digits, perhaps with spaces ("123 456"). */
function normaliseTotpCode(code: string): string {
  return code.replace(/\s+/g, '');
}

export const looksLikeTotpCode = (code: string): boolean => new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normaliseTotpCode(code));

/**
 * Checks a code against a base32 secret at `now`, given the last step accepted before (null: none).
 * On success the step it matched is returned; the caller stores it as the new last step.
 */
export function checkTotpCode(secretBase32: string, code: string, now: Date, lastStep: number | null): CodeCheck {
  const token = normaliseTotpCode(code);
  if (!looksLikeTotpCode(token)) return { ok: false, reason: 'malformed' };
  const secret = Secret.fromBase32(secretBase32);
  const current = timeStep(now);
  let seen = false;
  // Oldest first: a code valid for two steps (it cannot be, but cheap to be sure) uses up the earlier one.
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    const expected = HOTP.generate({ secret, algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, counter: step });
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(token))) continue;
    if (lastStep !== null && step <= lastStep) {
      seen = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: seen ? 'reused' : 'wrong' };
}

/** The code an authenticator app shows at `now` (for tests and the demo). */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: now.getTime() });
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(secretBase32: string, issuer: string, account: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secretBase32), algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }).toString();
}

/** A base32 secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})/g, '$1 ').trim();
}
