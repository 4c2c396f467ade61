import { appendAudit } from '../../db/repositories/audit.ts';
import { clearThrottle, readThrottle } from '../../db/repositories/login-throttle.ts';
import { deletePendingLogin, findPendingLogin } from '../../db/repositories/pending-logins.ts';
import { lockedUntil } from '../../domain/access/login-throttle.ts';
import type { AppDeps } from '../context.ts';
import { hashSessionToken } from './authenticate.ts';
import type { LoginRefused, LoginResult } from './login.ts';
import { openSession, type OpenedSession } from './open-session.ts';
import { checkSecondFactor, confirmTotpCandidate } from './second-factor.ts';
import { countFailure } from './throttle.ts';

type LoggedInUser = LoginResult['user'];
interface Trace {
  ttlMinutes: number;
  traceId: string;
  spanId: string;
}

/**
 * The second step of a login whose password was right: a code (or recovery code) opens the session
 * 'password+totp'. A wrong code counts towards the same lock as a wrong password, and the password
 * step does not clear that count, so guessing codes is no cheaper than guessing passwords.
 */
export async function finishWithCode(
  deps: AppDeps,
  p: Trace & { user: LoggedInUser; account: string; code: string; userAgent?: string | null | undefined; pendingTokenHash?: string },
): Promise<OpenedSession | LoginRefused> {
  const audit = { traceId: p.traceId, spanId: p.spanId, activity: 'session.login', actorType: 'user' as const, actorId: p.user.id, organisationId: p.user.organisationId };
  const dropPending = () => (p.pendingTokenHash ? deletePendingLogin(deps.db, p.pendingTokenHash) : Promise.resolve());
  const locked = lockedUntil(await readThrottle(deps.db, p.account), deps.now());
  if (locked) {
    await dropPending();
    await appendAudit(deps.db, { ...audit, outcome: 'refused', detail: { reason: 'locked', step: 'second-factor', lockedUntil: locked.toISOString() } });
    return { refused: 'locked', until: locked };
  }
  const done = await deps.db.transaction().execute(async (trx) => {
    const check = await checkSecondFactor(trx, deps, p.user.id, p.code);
    if (!check.ok) return check;
    await clearThrottle(trx, p.account);
    if (p.pendingTokenHash) await deletePendingLogin(trx, p.pendingTokenHash);
    const userAgent = p.userAgent ?? undefined;
    return openSession(trx, deps, { userId: p.user.id, organisationId: p.user.organisationId, ttlMinutes: p.ttlMinutes, via: 'password+totp', traceId: p.traceId, spanId: p.spanId, userAgent, detail: { factor: check.factor } });
  });
  if ('token' in done) return done;
  const state = await countFailure(deps, p.account);
  await appendAudit(deps.db, { ...audit, outcome: 'refused', detail: { reason: `code-${done.reason}`, failures: state.failures, ...(state.lockedUntil ? { lockedUntil: state.lockedUntil.toISOString() } : {}) } });
  if (state.lockedUntil) {
    await dropPending();
    return { refused: 'locked', until: state.lockedUntil };
  }
  return { refused: 'code', reason: done.reason };
}

/** A login waiting for its second factor, by the token in the person's cookie; undefined when unknown or expired. */
export async function pendingLoginOf(deps: Pick<AppDeps, 'db' | 'now'>, token: string) {
  const row = await findPendingLogin(deps.db, hashSessionToken(token), deps.now());
  if (!row) return undefined;
  return {
    step: row.step,
    csrfToken: row.csrf_token,
    account: row.account_hash,
    userAgent: row.user_agent,
    email: row.email,
    user: { id: row.user_id, displayName: row.display_name, organisationId: row.organisation_id, organisationName: row.organisation_name, roles: row.roles, locale: row.locale } satisfies LoggedInUser,
  };
}
export type PendingLogin = NonNullable<Awaited<ReturnType<typeof pendingLoginOf>>>;

/** The second page of the login: the code of a person who has a second factor. */
export async function completeLoginWithCode(deps: AppDeps, p: Trace & { token: string; pending: PendingLogin; code: string }): Promise<LoginResult | LoginRefused> {
  const r = await finishWithCode(deps, { ...p, user: p.pending.user, account: p.pending.account, userAgent: p.pending.userAgent, pendingTokenHash: hashSessionToken(p.token) });
  return 'refused' in r ? r : { ...r, user: p.pending.user };
}

/**
 * The second page of the login of a person whose organisation demands a second factor they do not
 * have yet: they set up an authenticator and show a code from it, and only then get a session.
 */
export async function completeLoginWithEnrolment(
  deps: AppDeps,
  p: Trace & { token: string; pending: PendingLogin; sealedCandidate: string; code: string },
): Promise<(LoginResult & { recoveryCodes: string[] }) | { refused: 'code'; reason: string }> {
  const u = p.pending.user;
  return deps.db.transaction().execute(async (trx) => {
    const r = await confirmTotpCandidate(trx, deps, u.id, p.sealedCandidate, p.code);
    if (!r.enrolled) return { refused: 'code' as const, reason: r.reason };
    await appendAudit(trx, { traceId: p.traceId, spanId: p.spanId, activity: 'totp.enrol', actorType: 'user', actorId: u.id, organisationId: u.organisationId, objectType: 'user', objectIds: [u.id], outcome: 'success', detail: { during: 'login', required: true } });
    await clearThrottle(trx, p.pending.account);
    await deletePendingLogin(trx, hashSessionToken(p.token));
    const session = await openSession(trx, deps, { userId: u.id, organisationId: u.organisationId, ttlMinutes: p.ttlMinutes, via: 'password+totp', traceId: p.traceId, spanId: p.spanId, userAgent: p.pending.userAgent ?? undefined, detail: { factor: 'totp', enrolled: true } });
    return { ...session, user: u, recoveryCodes: r.recoveryCodes };
  });
}
