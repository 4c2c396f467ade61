/**
 * The rules of the links sent by e-mail to set a password (password reset, invitation). Pure: the
 * tokens live in the database (src/db/repositories/email-tokens.ts), only as a hash.
 */
export type EmailTokenPurpose = 'reset' | 'invitation';

/**
 * A reset link works for an hour: long enough to open the mail, short enough that a mailbox read
 * later (a shared inbox, a forwarded mail, a stolen laptop) no longer gives the account away (ASVS
 * 2.5.x asks for short-lived recovery secrets).
 */
export const RESET_TOKEN_MS = 60 * 60_000;
/**
 * An invitation works for a week: a new colleague may read it only on their first working day, and
 * the account has no password before it is used, so nothing is lost while it waits. An admin can
 * send a new one at any time (the old one then stops working).
 */
export const INVITATION_TOKEN_MS = 7 * 24 * 3600_000;

/**
 * At most this many reset mails per account per hour: enough for a person who did not find the
 * first mail, too few to flood someone's mailbox through the public form.
 */
export const MAX_RESET_MAILS_PER_HOUR = 3;
export const RESET_MAIL_WINDOW_MS = 60 * 60_000;

/** Links expired this long ago are deleted; the audit trail keeps the record of their use. */
export const FORGET_TOKENS_AFTER_MS = 30 * 24 * 3600_000;

function tokenLifetimeMs(purpose: EmailTokenPurpose): number {
  return purpose === 'reset' ? RESET_TOKEN_MS : INVITATION_TOKEN_MS;
}

export function tokenExpiresAt(purpose: EmailTokenPurpose, now: Date): Date {
  return new Date(now.getTime() + tokenLifetimeMs(purpose));
}

export interface StoredEmailToken {
  purpose: EmailTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

export type TokenVerdict = 'valid' | 'unknown' | 'used' | 'expired';

/** Whether a link may still be used for `purpose` at `now`: known, for this purpose, not used, not expired. */
export function judgeToken(stored: StoredEmailToken | undefined, purpose: EmailTokenPurpose, now: Date): TokenVerdict {
  if (!stored || stored.purpose !== purpose) return 'unknown';
  if (stored.usedAt) return 'used';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** Whether another reset mail may go to an account that had `sentInWindow` of them in the last RESET_MAIL_WINDOW_MS. */
export function mayMailReset(sentInWindow: number): boolean {
  return sentInWindow < MAX_RESET_MAILS_PER_HOUR;
}
