import { findUserByEmail } from '../../db/repositories/users.ts';
import { deleteSession } from '../../db/repositories/sessions.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { clearThrottle, forgetThrottles, lockThrottle, readThrottle, writeThrottle } from '../../db/repositories/login-throttle.ts';
import { afterFailure, forgetBefore, lockedUntil } from '../../domain/access/login-throttle.ts';
import type { AppDeps } from '../context.ts';
import { hashSessionToken } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';
import { openSession } from './open-session.ts';

// Verifying against a real hash when the user is unknown keeps the timing the same either way.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; displayName: string; organisationId: string; organisationName: string; roles: string[]; locale: string };
}

/** Why a login did not open a session: wrong credentials, or an account locked after too many of them (until when). */
export type LoginRefused = { refused: 'credentials' } | { refused: 'locked'; until: Date };

/**
 * The throttle's key: the address as typed, normalised, keyed-hashed with the pseudonym key (it may
 * name no user at all). Keyed, so that the table cannot be checked against a known address.
 */
const accountHash = (deps: Pick<AppDeps, 'pseudonymize'>, email: string) => deps.pseudonymize('login-throttle', email.trim().toLowerCase());

/**
 * Checks a user's password and opens a session that expires after ttlMinutes. Wrong passwords
 * count per account: too many in a row lock it for a while (src/domain/access/login-throttle.ts),
 * and while it is locked not even the right password opens it — the answer says until when.
 */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string; ttlMinutes: number; traceId: string; spanId: string },
): Promise<LoginResult | LoginRefused> {
  const account = accountHash(deps, input.email);
  const locked = lockedUntil(await readThrottle(deps.db, account), deps.now());
  const user = await findUserByEmail(deps.db, input.email);
  const refuse = (detail: Record<string, unknown>) =>
    appendAudit(deps.db, {
      traceId: input.traceId,
      spanId: input.spanId,
      activity: 'session.login',
      actorType: 'user',
      actorId: user?.id ?? 'unknown',
      organisationId: user?.organisation_id ?? null,
      outcome: 'refused',
      detail,
    });
  if (locked) {
    await refuse({ reason: 'locked', lockedUntil: locked.toISOString() });
    return { refused: 'locked', until: locked };
  }
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled_at) {
    const state = await deps.db.transaction().execute(async (trx) => {
      const next = afterFailure(await lockThrottle(trx, account, deps.now()), deps.now());
      await writeThrottle(trx, account, next);
      // Rows no failure can add to any more, and whose lock has ended, are kept no longer.
      await forgetThrottles(trx, forgetBefore(deps.now()));
      return next;
    });
    await refuse({ reason: 'credentials', failures: state.failures, ...(state.lockedUntil ? { lockedUntil: state.lockedUntil.toISOString() } : {}) });
    return state.lockedUntil ? { refused: 'locked', until: state.lockedUntil } : { refused: 'credentials' };
  }
  const session = await deps.db.transaction().execute(async (trx) => {
    await clearThrottle(trx, account);
    return openSession(trx, deps, { userId: user.id, organisationId: user.organisation_id, ttlMinutes: input.ttlMinutes, via: 'password', traceId: input.traceId, spanId: input.spanId });
  });
  return {
    ...session,
    user: { id: user.id, displayName: user.display_name, organisationId: user.organisation_id, organisationName: user.organisation_name, roles: user.roles, locale: user.locale },
  };
}

export const isRefused = (r: LoginResult | LoginRefused): r is LoginRefused => 'refused' in r;

export async function logout(deps: AppDeps, token: string): Promise<void> {
  await deleteSession(deps.db, hashSessionToken(token));
}
