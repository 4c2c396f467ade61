import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { ThrottleState } from '../../domain/access/login-throttle.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** The account's failure count and lock. */
export async function readThrottle(db: Executor, accountHash: string): Promise<ThrottleState | undefined> {
  const r = await db.selectFrom('login_throttle').select(['failures', 'last_failure_at', 'locked_until']).where('account_hash', '=', accountHash).executeTakeFirst();
  return r ? { failures: r.failures, lastFailureAt: new Date(r.last_failure_at), lockedUntil: r.locked_until ? new Date(r.locked_until) : null } : undefined;
}

/** The same, with its row locked for the caller's transaction (made first if missing), so failures at the same moment all count. */
export async function lockThrottle(trx: Transaction<DB>, accountHash: string, now: Date): Promise<ThrottleState | undefined> {
  await trx.insertInto('login_throttle').values({ account_hash: accountHash, failures: 0, last_failure_at: now, locked_until: null }).onConflict((oc) => oc.doNothing()).execute();
  const r = await trx.selectFrom('login_throttle').select(['failures', 'last_failure_at', 'locked_until']).where('account_hash', '=', accountHash).forUpdate().executeTakeFirst();
  if (r?.failures === 0) return undefined;
  return r ? { failures: r.failures, lastFailureAt: new Date(r.last_failure_at), lockedUntil: r.locked_until ? new Date(r.locked_until) : null } : undefined;
}

export async function writeThrottle(db: Executor, accountHash: string, s: ThrottleState): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values({ account_hash: accountHash, failures: s.failures, last_failure_at: s.lastFailureAt, locked_until: s.lockedUntil })
    .onConflict((oc) => oc.column('account_hash').doUpdateSet({ failures: s.failures, last_failure_at: s.lastFailureAt, locked_until: s.lockedUntil }))
    .execute();
}

export async function clearThrottle(db: Executor, accountHash: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('account_hash', '=', accountHash).execute();
}

export async function forgetThrottles(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('login_throttle').where('last_failure_at', '<', before).execute();
}
