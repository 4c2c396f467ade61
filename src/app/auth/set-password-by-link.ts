import { appendAudit } from '../../db/repositories/audit.ts';
import { findEmailToken, lockEmailToken, markEmailTokenUsed, retireEmailTokens } from '../../db/repositories/email-tokens.ts';
import { clearThrottle } from '../../db/repositories/login-throttle.ts';
import { deleteSessionsOfUser } from '../../db/repositories/sessions.ts';
import { deletePendingLoginsOfUser } from '../../db/repositories/pending-logins.ts';
import { findUserById, setPasswordHash } from '../../db/repositories/users.ts';
import { judgeToken, type EmailTokenPurpose, type TokenVerdict } from '../../domain/access/email-tokens.ts';
import { passwordProblem, type PasswordProblem } from '../../domain/access/password-rules.ts';
import type { AppDeps } from '../context.ts';
import { hashEmailToken } from './email-links.ts';
import { hashPassword } from './passwords.ts';
import { accountHash } from './throttle.ts';

const ACTIVITY: Readonly<Record<EmailTokenPurpose, string>> = { reset: 'password.reset', invitation: 'user.invitation.accept' };

/** Whether a link from a mail can still be used (the page shows its form, or says why not). Nothing is changed. */
export async function checkEmailLink(deps: AppDeps, token: string, purpose: EmailTokenPurpose): Promise<TokenVerdict> {
  if (!token || token.length > 100) return 'unknown';
  const stored = await findEmailToken(deps.db, hashEmailToken(token));
  if (stored && judgeToken(stored, purpose, deps.now()) === 'valid') {
    const user = await findUserById(deps.db, stored.userId);
    if (!user || user.disabled_at) return 'unknown';
  }
  return judgeToken(stored, purpose, deps.now());
}

export type SetPasswordResult = { done: true } | { refused: Exclude<TokenVerdict, 'valid'> } | { refused: 'password'; problem: PasswordProblem };

/**
 * Sets the password of the user a reset or invitation link was sent to. The link must be of that
 * purpose, unused and unexpired (and its user not disabled); it is then used up, with every other
 * open link of the user. Because whoever had the old password (or a session) may be the reason for
 * the reset, all of the user's sessions end, and a lock from wrong passwords is lifted: the person
 * proved they hold the mailbox. Audited either way; the second factor, when the user has one, stays
 * and is asked at the next login.
 */
export async function setPasswordByLink(
  deps: AppDeps,
  input: { token: string; purpose: EmailTokenPurpose; password: string; traceId: string; spanId: string },
): Promise<SetPasswordResult> {
  const problem = passwordProblem(input.password);
  if (problem) return { refused: 'password', problem };
  if (!input.token || input.token.length > 100) return { refused: 'unknown' };
  // Hashed before the transaction: scrypt takes a while, and the link's row is locked inside it.
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashEmailToken(input.token);
  return deps.db.transaction().execute(async (trx): Promise<SetPasswordResult> => {
    const now = deps.now();
    const stored = await lockEmailToken(trx, tokenHash);
    const user = stored && (await findUserById(trx, stored.userId));
    const verdict = user?.disabled_at ? 'unknown' : judgeToken(stored, input.purpose, now);
    const audit = { traceId: input.traceId, spanId: input.spanId, activity: ACTIVITY[input.purpose], actorType: 'user' as const, actorId: user?.id ?? 'unknown', organisationId: user?.organisation_id ?? null, objectType: 'user', objectIds: user ? [user.id] : [] };
    if (!user || verdict !== 'valid') {
      await appendAudit(trx, { ...audit, outcome: 'refused', detail: { reason: verdict } });
      return { refused: verdict === 'valid' ? 'unknown' : verdict };
    }
    await setPasswordHash(trx, user.id, passwordHash);
    await markEmailTokenUsed(trx, tokenHash, now);
    await retireEmailTokens(trx, user.id, ['reset', 'invitation'], now);
    await deleteSessionsOfUser(trx, user.id);
    // A login half-way (right old password, waiting for the code) must not outlive the password either.
    await deletePendingLoginsOfUser(trx, user.id);
    await clearThrottle(trx, accountHash(deps, user.email));
    await appendAudit(trx, { ...audit, outcome: 'success' });
    return { done: true };
  });
}
