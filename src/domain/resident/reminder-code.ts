/**
 * Reminder codes (issue 24): printed in a creditor's reminder letter so the resident can find
 * "their" future signal on /mijn-signaal without an account. 12 characters from a 32-character
 * alphabet without the look-alikes 0/O and 1/I give 60 bits: with the lockout per code and per
 * client address (src/app/resident) guessing one is hopeless. Printed in three groups of four.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** A new code from random bytes (one byte per character; 256 is a multiple of 32, so no bias). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`a reminder code needs ${CODE_LENGTH} random bytes`);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return out;
}

/** The code as printed: XXXX-XXXX-XXXX. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** The code as typed, made comparable (case, spaces and hyphens do not matter); null: it cannot be a code. */
export function normaliseCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s\-–.]/g, '');
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null;
}
