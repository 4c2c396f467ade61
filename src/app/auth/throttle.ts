import { forgetThrottles, lockThrottle, writeThrottle } from '../../db/repositories/login-throttle.ts';
import { afterFailure, forgetBefore, type ThrottleState } from '../../domain/access/login-throttle.ts';
import type { AppDeps } from '../context.ts';

/**
 * The throttle's key: the address as typed, normalised, keyed-hashed with the pseudonym key (it may
 * name no user at all). Keyed, so that the table cannot be checked against a known address.
 */
export const accountHash = (deps: Pick<AppDeps, 'pseudonymize'>, email: string): string => deps.pseudonymize('login-throttle', email.trim().toLowerCase());

/**
 * Counts one failed proof for the account (a wrong password, a wrong second-factor code) and returns
 * the state after it: enough of them in a row lock the account (src/domain/access/login-throttle.ts).
 */
export async function countFailure(deps: Pick<AppDeps, 'db' | 'now'>, account: string): Promise<ThrottleState> {
  return deps.db.transaction().execute(async (trx) => {
    const next = afterFailure(await lockThrottle(trx, account, deps.now()), deps.now());
    await writeThrottle(trx, account, next);
    // Rows no failure can add to any more, and whose lock has ended, are kept no longer.
    await forgetThrottles(trx, forgetBefore(deps.now()));
    return next;
  });
}
