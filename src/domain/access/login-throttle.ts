/**
 * When failed logins lock an account (ASVS 2.2.1; BIO 9.4.2 "beveiligde inlogprocedures"): after
 * MAX_FAILURES wrong passwords in a row the account is locked for LOCK_MINUTES, and every further
 * failure after a lock doubles it, up to a day. A success clears the count; failures a day apart
 * do not add up. Pure: the state lives in the database (src/db/repositories/login-throttle.ts).
 */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;
const FORGET_AFTER_MS = 24 * 3600_000;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** The lock in force at `now`, if any. */
export function lockedUntil(state: ThrottleState | undefined, now: Date): Date | undefined {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | undefined, now: Date): ThrottleState {
  const stale = !state || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS;
  const failures = stale ? 1 : state.failures + 1;
  if (failures < MAX_FAILURES) return { failures, lastFailureAt: now, lockedUntil: null };
  const minutes = Math.min(MAX_LOCK_MINUTES, LOCK_MINUTES * 2 ** Math.min(failures - MAX_FAILURES, 10));
  return { failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + minutes * 60_000) };
}

/** Failures last seen before this moment no longer count, and their lock (at most a day) has ended. */
export function forgetBefore(now: Date): Date {
  return new Date(now.getTime() - Math.max(FORGET_AFTER_MS, MAX_LOCK_MINUTES * 60_000));
}
