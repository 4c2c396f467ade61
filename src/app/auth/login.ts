import { randomBytes } from 'node:crypto';
import { findUserByEmail } from '../../db/repositories/users.ts';
import { deleteSession } from '../../db/repositories/sessions.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { clearThrottle, readThrottle } from '../../db/repositories/login-throttle.ts';
import { insertPendingLogin } from '../../db/repositories/pending-logins.ts';
import { secondFactorOf } from '../../db/repositories/second-factor.ts';
import { lockedUntil } from '../../domain/access/login-throttle.ts';
import { truncateUserAgent } from '../../domain/access/user-agent.ts';
import type { AppDeps } from '../context.ts';
import { hashSessionToken } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';
import { openSession } from './open-session.ts';
import { finishWithCode } from './second-factor-login.ts';
import { accountHash, countFailure } from './throttle.ts';

// Verifying against a real hash when the user is unknown keeps the timing the same either way.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** How long a person has to give the second factor after the password (or to enrol one). */
const PENDING_LOGIN_MINUTES = 10;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; displayName: string; organisationId: string; organisationName: string; roles: string[]; locale: string };
}

/**
 * Why a login did not open a session: wrong credentials, an account locked after too many of them
 * (until when), or a wrong second-factor code.
 */
export type LoginRefused = { refused: 'credentials' } | { refused: 'locked'; until: Date } | { refused: 'code'; reason: string };

/**
 * The password was right, but a second factor is missing: a code from the person's authenticator
 * ('code'), or an authenticator at all, which their organisation demands ('enrol'). With
 * `pendingLogin`, the login waits for it under a token of its own (src/app/auth/second-factor-login.ts).
 */
export interface SecondFactorNeeded {
  secondFactor: 'code' | 'enrol';
  pending?: { token: string; csrfToken: string; expiresAt: Date };
}

/**
 * Checks a user's password and opens a session that expires after ttlMinutes. Wrong passwords
 * count per account: too many in a row lock it for a while (src/domain/access/login-throttle.ts),
 * and while it is locked not even the right password opens it — the answer says until when.
 * A user with a second factor, or of an organisation that demands one, gets no session from the
 * password alone; `code` gives it in the same call (the API), else a pending login waits for it
 * (the web app's second page).
 */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string; code?: string | undefined; ttlMinutes: number; traceId: string; spanId: string; userAgent?: string | undefined; pendingLogin?: boolean },
): Promise<LoginResult | LoginRefused | SecondFactorNeeded> {
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
    const state = await countFailure(deps, account);
    await refuse({ reason: 'credentials', failures: state.failures, ...(state.lockedUntil ? { lockedUntil: state.lockedUntil.toISOString() } : {}) });
    return state.lockedUntil ? { refused: 'locked', until: state.lockedUntil } : { refused: 'credentials' };
  }
  const loggedIn = { id: user.id, displayName: user.display_name, organisationId: user.organisation_id, organisationName: user.organisation_name, roles: user.roles, locale: user.locale };
  const factor = await secondFactorOf(deps.db, user.id);
  const needed = factor?.totp_enrolled_at ? 'code' : factor?.mfa_required ? 'enrol' : undefined;
  if (needed === 'code' && input.code !== undefined) {
    const r = await finishWithCode(deps, { user: loggedIn, account, code: input.code, ttlMinutes: input.ttlMinutes, traceId: input.traceId, spanId: input.spanId, userAgent: input.userAgent });
    return 'refused' in r ? r : { ...r, user: loggedIn };
  }
  if (needed) {
    // The throttle is not cleared here: a password alone must not reset the count of wrong codes.
    return deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, {
        traceId: input.traceId,
        spanId: input.spanId,
        activity: 'session.password-verified',
        actorType: 'user',
        actorId: user.id,
        organisationId: user.organisation_id,
        outcome: 'success',
        detail: { secondFactor: needed },
      });
      if (!input.pendingLogin) return { secondFactor: needed };
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(deps.now().getTime() + PENDING_LOGIN_MINUTES * 60_000);
      await insertPendingLogin(trx, { tokenHash: hashSessionToken(token), userId: user.id, step: needed, accountHash: account, csrfToken, userAgent: truncateUserAgent(input.userAgent), now: deps.now(), expiresAt });
      return { secondFactor: needed, pending: { token, csrfToken, expiresAt } };
    });
  }
  const session = await deps.db.transaction().execute(async (trx) => {
    await clearThrottle(trx, account);
    return openSession(trx, deps, { userId: user.id, organisationId: user.organisation_id, ttlMinutes: input.ttlMinutes, via: 'password', traceId: input.traceId, spanId: input.spanId, userAgent: input.userAgent });
  });
  return { ...session, user: loggedIn };
}

export const isRefused = (r: LoginResult | LoginRefused | SecondFactorNeeded): r is LoginRefused => 'refused' in r;
export const needsSecondFactor = (r: LoginResult | LoginRefused | SecondFactorNeeded): r is SecondFactorNeeded => 'secondFactor' in r;

export async function logout(deps: AppDeps, token: string): Promise<void> {
  await deleteSession(deps.db, hashSessionToken(token));
}
