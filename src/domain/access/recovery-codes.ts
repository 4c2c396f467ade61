/**
 * Recovery codes for a lost authenticator: RECOVERY_CODE_COUNT single-use codes of 10 characters
 * from Crockford's base32 alphabet (no I, L, O, U: nothing to misread), 50 bits each, shown once
 * as "abcde-fghjk". Pure: the random bytes come from the caller.
 */
export const RECOVERY_CODE_COUNT = 8;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10;

/** A code from LENGTH random bytes (each used modulo 32: 256 is a multiple, so no bias). */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < LENGTH) throw new Error(`a recovery code needs ${LENGTH} random bytes`);
  const chars = Array.from(bytes.subarray(0, LENGTH), (b) => ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * A code as typed, in the form it was hashed in: lower case, without dashes or spaces, with the
 * letters people confuse with digits read as those digits; undefined when it cannot be a code.
 */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const s = typed
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : undefined;
}
