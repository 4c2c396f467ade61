import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deleteEmailTokensExpiredBefore, insertEmailToken } from '../../db/repositories/email-tokens.ts';
import { FORGET_TOKENS_AFTER_MS, tokenExpiresAt, type EmailTokenPurpose } from '../../domain/access/email-tokens.ts';
import type { AppDeps } from '../context.ts';

/** The web pages the links open (src/web/pages/account-recovery). */
export const LINK_PATHS: Readonly<Record<EmailTokenPurpose, string>> = { reset: '/wachtwoord-herstellen', invitation: '/uitnodiging' };

/** Only this hash is stored: whoever reads the table cannot use a link. 256 random bits need no slow hash. */
export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new single-use link for the user, in the caller's transaction: its token (to send, never to
 * store) and the full URL under `baseUrl` (PUBLIC_URL, never a request's Host header in production).
 */
export async function issueEmailLink(
  trx: Transaction<DB>,
  deps: Pick<AppDeps, 'now'>,
  input: { userId: string; purpose: EmailTokenPurpose; baseUrl: string },
): Promise<{ url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const expiresAt = tokenExpiresAt(input.purpose, now);
  await insertEmailToken(trx, { tokenHash: hashEmailToken(token), purpose: input.purpose, userId: input.userId, expiresAt, createdAt: now });
  await deleteEmailTokensExpiredBefore(trx, new Date(now.getTime() - FORGET_TOKENS_AFTER_MS));
  return { url: `${input.baseUrl.replace(/\/+$/, '')}${LINK_PATHS[input.purpose]}?token=${token}`, expiresAt };
}
